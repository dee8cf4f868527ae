// The floor: the corpus bytes through the lexer alone and the parser alone, and a full
// check in the same process, to see how far the check is above the cost of reading the text.
// The Meso services are bundled from src/ at bench time (esbuild, with the Node 20
// polyfill injected as scripts/build/bundle.mjs does), so no server or CLI is started.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Bundles the measurement entry to `<buildDir>/floor.cjs`; returns its path. */
export async function buildFloorBundle(root, buildDir) {
    mkdirSync(buildDir, { recursive: true });
    const outfile = path.join(buildDir, 'floor.cjs');
    const polyfill = readFileSync(path.join(root, 'scripts/build/polyfill.cjs'), 'utf8');
    await esbuild.build({
        stdin: {
            contents: [
                "export { createMesoCoreServices as createMesoServices } from './src/language/meso-module.ts';",
                "export { expandPaths, loadWorkspace } from './src/cli/load-workspace.ts';",
                "export { collectProblems } from './src/cli/problems.ts';",
                "export { NodeFileSystem } from 'langium/node';"
            ].join('\n'),
            resolveDir: root,
            sourcefile: 'bench-floor-entry.ts',
            loader: 'ts'
        },
        bundle: true,
        platform: 'node',
        format: 'cjs',
        target: 'node20',
        minify: false,
        sourcemap: false,
        banner: { js: `${polyfill}\nvar __meso_import_meta_url = require('url').pathToFileURL(__filename).href;` },
        define: { 'import.meta.url': '__meso_import_meta_url' },
        logLevel: 'warning',
        outfile
    });
    return outfile;
}

/** Runs the measurements in a fresh process (with --expose-gc); returns its JSON result. */
export function runFloor({ bundle, corpusDir, reps, checkReps }) {
    const r = spawnSync(process.execPath, ['--expose-gc', path.join(here, 'floor-worker.mjs'), bundle, corpusDir, String(reps), String(checkReps)],
        { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'inherit'] });
    if (r.status !== 0) throw new Error(`floor worker failed (exit ${r.status})`);
    return JSON.parse(r.stdout);
}
