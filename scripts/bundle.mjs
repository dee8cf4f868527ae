// Bundles the language server, the VS Code extension and the CLI to CommonJS with esbuild.
// The Node 20 polyfill is injected first, because langium's chevrotain calls Object.groupBy.
import * as esbuild from 'esbuild';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

const polyfill = readFileSync('scripts/polyfill.cjs', 'utf8');
const common = {
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    minify: true,
    sourcemap: false,
    legalComments: 'none',
    // ESM dependencies read import.meta.url (e.g. for createRequire); give them this file's URL.
    banner: { js: `${polyfill}\nvar __meso_import_meta_url = require('url').pathToFileURL(__filename).href;` },
    define: { 'import.meta.url': '__meso_import_meta_url' },
    logLevel: 'warning'
};

// One copy of the JSON-RPC layer in the server. langium resolves vscode-languageserver-protocol
// (and its vscode-jsonrpc) to a newer copy than the one vscode-languageserver pins; bundled side
// by side, the ResponseError langium returns for a cancelled request is not an instance of the
// class the connection tests for, and went out as a *result* (`{"code":-32800}`) instead of an
// error. This plugin resolves both packages, from anywhere, as vscode-languageserver does.
// (Node's lookup by hand: these packages do not export their package.json.)
function packageDir(name, fromDir) {
    for (let dir = path.resolve(fromDir); ; dir = path.dirname(dir)) {
        const candidate = path.join(dir, 'node_modules', name);
        if (existsSync(path.join(candidate, 'package.json'))) return candidate;
        if (dir === path.dirname(dir)) throw new Error(`cannot find ${name} from ${fromDir}`);
    }
}
const serverDir = packageDir('vscode-languageserver', '.');
const oneJsonRpc = {
    name: 'one-json-rpc',
    setup(build) {
        const resolveFrom = {
            'vscode-languageserver-protocol': serverDir,
            'vscode-jsonrpc': packageDir('vscode-languageserver-protocol', serverDir)
        };
        build.onResolve({ filter: /^(vscode-languageserver-protocol|vscode-jsonrpc)(\/.*)?$/ }, args => {
            if (args.pluginData === 'one-json-rpc') return undefined;
            const name = args.path.split('/')[0];
            return build.resolve(args.path, { kind: args.kind, resolveDir: resolveFrom[name], pluginData: 'one-json-rpc' });
        });
    }
};

await Promise.all([
    esbuild.build({ ...common, plugins: [oneJsonRpc], entryPoints: ['src/server/main.ts'], outfile: 'out/server.cjs' }),
    esbuild.build({ ...common, entryPoints: ['src/cli/main.ts'], outfile: 'out/cli.cjs' }),
    esbuild.build({ ...common, entryPoints: ['src/extension/main.ts'], outfile: 'out/extension.cjs', external: ['vscode'] })
]);
console.log('Bundled out/server.cjs, out/cli.cjs, out/extension.cjs');
