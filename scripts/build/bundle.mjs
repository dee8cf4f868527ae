// Bundles the language server, the VS Code extension and the CLI to CommonJS with esbuild.
// The Node 20 polyfill is injected first, because langium's chevrotain calls Object.groupBy.
import * as esbuild from 'esbuild';
import { chmodSync, readFileSync } from 'node:fs';

const polyfill = readFileSync('scripts/build/polyfill.cjs', 'utf8');
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

const out = [
    { ...common, entryPoints: ['src/server/main.ts'], outfile: 'out/server.cjs' },
    { ...common, entryPoints: ['src/cli/main.ts'], outfile: 'out/cli.cjs' },
    // The server's formatter for `meso format`, apart so that the CLI bundle carries no LSP code.
    { ...common, entryPoints: ['src/formatting/format-entry.ts'], outfile: 'out/format.cjs' },
    { ...common, entryPoints: ['src/extension/main.ts'], outfile: 'out/extension.cjs', external: ['vscode'] }
];
// The whole CLI in one committed, executable file, for those who run meso from a clone with no
// install and no build: the GitHub Action and the pre-commit hook. Not minified, so that its diffs
// and merges go line by line; test/package/dist-bundle.test.ts holds it equal to a fresh build.
const dist = { ...common, minify: false, banner: { js: `#!/usr/bin/env node\n${common.banner.js}` }, entryPoints: ['src/cli/main.ts'], outfile: 'dist/meso.cjs' };

if (process.argv.includes('--watch')) {
    // `npm run watch`: the out/ bundles rebuilt on every change of what they import, not minified,
    // with source maps (run the CLI or server with `node --enable-source-maps`; VS Code's debugger
    // reads them). dist/meso.cjs is left alone: it is committed, and only `npm run build` writes it.
    const contexts = await Promise.all(out.map(options => esbuild.context({
        ...options, minify: false, sourcemap: 'linked', sourcesContent: false, logLevel: 'info'
    })));
    await Promise.all(contexts.map(context => context.watch()));
    console.log('Watching src/ for out/server.cjs, out/cli.cjs, out/format.cjs, out/extension.cjs (with source maps); Ctrl-C stops.');
} else {
    await Promise.all([...out, dist].map(options => esbuild.build(options)));
    chmodSync('dist/meso.cjs', 0o755);
    console.log('Bundled out/server.cjs, out/cli.cjs, out/format.cjs, out/extension.cjs, dist/meso.cjs');
}
