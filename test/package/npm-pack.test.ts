import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import pkg from '../../package.json' with { type: 'json' };
import { root, tempDir } from '../helpers/compile.js';
import { run } from '../helpers/child-process.js';

// The package a user installs: `npm pack` of the built tree (out/ from `npm run build`), installed
// offline into an empty folder, run through npx with no build step.
const overdose = `protocol od "Overdose" {
    indication pain
    skin test 2 days before first session
    mixture m { piroxicam 2 mL }
    session s { inject m }
    schedule { phase a: 1 session of s every 7 days }
}
`;

describe('the npm package', { timeout: 90_000 }, () => {
    let dir: string;
    let app: string;
    let files: string[];
    const npx = (args: string[]) => run('npx', ['--offline', '--no-install', 'meso', ...args], { cwd: app });

    beforeAll(() => {
        dir = tempDir('meso-pack-');
        const packed = run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], { cwd: root });
        expect(packed.code, packed.err).toBe(0);
        const [info] = JSON.parse(packed.out) as { filename: string; files: { path: string }[] }[];
        files = info.files.map(f => f.path).sort();
        app = join(dir, 'app');
        cpSync(join(root, 'examples'), join(app, 'examples'), { recursive: true });
        writeFileSync(join(app, 'package.json'), JSON.stringify({ private: true }) + '\n');
        writeFileSync(join(app, 'od.meso'), overdose);
        const installed = run('npm', ['install', '--offline', '--no-audit', '--no-fund', join(dir, info.filename)], { cwd: app });
        expect(installed.code, installed.err).toBe(0);
    }, 180_000);

    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    test('holds the bundled CLI and server, the configuration schema, and nothing else', () => {
        expect(files).toEqual(['LICENSE', 'README.md', 'bin/meso.cjs', 'out/cli.cache', 'out/cli.cjs', 'out/format.cjs', 'out/server.cjs', 'package.json',
            'src/config/meso-config.schema.json']);
        // Where docs/configuration.md tells a meso.config.json to find its schema.
        expect(readFileSync(join(app, 'node_modules/meso/src/config/meso-config.schema.json'), 'utf8'))
            .toBe(readFileSync(join(root, 'src/config/meso-config.schema.json'), 'utf8'));
    });

    test('has no run-time dependency: the bundles are self-contained', () => {
        expect((pkg as { dependencies?: unknown }).dependencies).toBeUndefined();
        // Every require() of the bundles the package ships is a Node built-in.
        const builtins = new Set(builtinModules);
        for (const bundle of ['out/cli.cjs', 'out/format.cjs', 'out/server.cjs']) {
            const required = new Set([...readFileSync(join(root, bundle), 'utf8').matchAll(/\brequire\("([^"]+)"\)/g)].map(m => m[1]));
            expect([...required].filter(r => !builtins.has(r.replace(/^node:/, ''))), bundle).toEqual([]);
        }
        expect(readdirSync(join(app, 'node_modules')).filter(n => !n.startsWith('.'))).toEqual(['meso']);
    });

    test('npx meso check: clean examples exit 0, an overdose exits 1 with its code', () => {
        const clean = npx(['check', 'examples']);
        expect(clean.err).toBe('');
        expect(clean.code).toBe(0);
        const bad = npx(['check', 'od.meso']);
        expect(bad.code).toBe(1);
        expect(bad.out).toMatch(/^od\.meso:4:27: error overdose-session: 'piroxicam' 40 mg in session 's' exceeds its maximum of 20 mg per session/);
    });

    test('npx meso compile writes the same JSON as the clone\'s meso', () => {
        const r = npx(['compile', 'examples', '--ignore-pattern', 'examples/it/**', '--out-dir', 'json']);
        expect(r.code, r.err).toBe(0);
        const fromClone = run(process.execPath, [join(root, 'bin/meso.cjs'), 'compile', 'examples/low-back-pain.meso', '--stdout'], { cwd: app });
        expect(fromClone.code).toBe(0);
        expect(readFileSync(join(app, 'json', 'low_back_pain.json'), 'utf8')).toBe(fromClone.out);
    });

    test('npx meso schema and explain', () => {
        const schema = npx(['schema']);
        expect(schema.code).toBe(0);
        expect(JSON.parse(schema.out).$id).toBe(JSON.parse(readFileSync(join(root, 'src/compiler/meso-schema.json'), 'utf8')).$id);
        const explain = npx(['explain', 'overdose-session']);
        expect(explain.code).toBe(0);
        expect(explain.out.startsWith('## `overdose-session`')).toBe(true);
    });

    test('npx meso format uses the formatter bundle shipped beside the CLI', () => {
        const r = npx(['format', '--check', 'examples']);
        expect(r.err).toBe('');
        expect(r.code).toBe(0);
        expect(existsSync(join(app, 'node_modules/meso/out/format.cjs'))).toBe(true);
    });
});
