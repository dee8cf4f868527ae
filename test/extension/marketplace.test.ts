// Marketplace readiness: `vsce package` (the npm script, so with vsce's own checks of the README's
// links and images) succeeds, and what it packs is what the Marketplace shows: a user README
// whose every link is absolute, a CHANGELOG, the schema jsonValidation names, and real or
// clearly configurable repository, homepage and bugs fields.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import pkg from '../../package.json' with { type: 'json' };
import schema from '../../src/compiler/meso-schema.json' with { type: 'json' };

const root = join(import.meta.dirname, '..', '..');
const readmeSource = join(root, 'src', 'extension', 'README.md');
let dir: string;
let packed: Map<string, string>;

beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'meso-vsix-'));
    const vsix = join(dir, 'meso.vsix');
    const script = pkg.scripts.package.replace('--out out/meso.vsix', `--out ${vsix}`);
    const run = spawnSync('npx', script.split(' '), { cwd: root, encoding: 'utf8', timeout: 180_000 });
    expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
    const unzip = spawnSync('unzip', ['-o', '-q', vsix, '-d', join(dir, 'x')], { encoding: 'utf8' });
    expect(unzip.status, unzip.stderr).toBe(0);
    packed = new Map(['readme.md', 'changelog.md', 'package.json'].map(f => [f, readFileSync(join(dir, 'x', 'extension', f), 'utf8')]));
}, 240_000);
afterAll(() => dir && rmSync(dir, { recursive: true, force: true }));

const links = (markdown: string) => [...markdown.matchAll(/!?\[[^\]]*\]\(([^)\s]+)\)/g)].map(m => m[1]);

describe('Marketplace readiness', () => {
    test('the packed README is the user README, with every link and image absolute', () => {
        const readme = packed.get('readme.md')!;
        expect(readme).toMatch(/^# Meso for VS Code\n/);
        expect(readme).not.toContain('npm ci');
        const found = links(readme);
        expect(found.length).toBeGreaterThan(4);
        expect(found.filter(l => !/^https:\/\//.test(l))).toEqual([]);
        expect(found.filter(l => /\.(png|gif|jpg)$/.test(l)).length).toBeGreaterThanOrEqual(2);
    });

    test('every relative link of the README source points at a file of the repository', () => {
        const relative = links(readFileSync(readmeSource, 'utf8')).filter(l => !/^[a-z]+:/.test(l) && !l.startsWith('#'));
        expect(relative.length).toBeGreaterThan(0);
        expect(relative.filter(l => !existsSync(join(root, l.split('#')[0])))).toEqual([]);
    });

    test('the VSIX carries the English and Italian manifest translations', () => {
        for (const f of ['package.nls.json', 'package.nls.it.json']) {
            expect(readFileSync(join(dir, 'x', 'extension', f), 'utf8'), f).toBe(readFileSync(join(root, f), 'utf8'));
        }
    });

    test('the README lists every contributed command and setting', () => {
        const readme = readFileSync(readmeSource, 'utf8');
        const nls = JSON.parse(readFileSync(join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;
        for (const c of pkg.contributes.commands) expect(readme, c.command).toContain(`Meso: ${nls[c.title.replace(/^%(.*)%$/, '$1')]}`);
        for (const key of Object.keys(pkg.contributes.configuration.properties)) expect(readme, key).toContain(`\`${key}\``);
    });

    test('a CHANGELOG for this version, keywords, and one repository behind repository, homepage and bugs', () => {
        expect(packed.get('changelog.md')).toContain(`## ${pkg.version}`);
        expect(pkg.keywords).toEqual(expect.arrayContaining(['mesotherapy', 'lsp']));
        const base = pkg.repository.url.replace(/\.git$/, '');
        expect(base).toMatch(/^https:\/\/github\.com\/[\w-]+\/[\w-]+$/);
        expect(pkg.homepage).toBe(`${base}#readme`);
        expect(pkg.bugs.url).toBe(`${base}/issues`);
    });

    test('the schemas jsonValidation names are packed, and the packed manifest is the source one', () => {
        const manifest = JSON.parse(packed.get('package.json')!) as typeof pkg;
        for (const { url } of manifest.contributes.jsonValidation) {
            const file = url.replace(/^\.\//, '');
            expect(existsSync(join(dir, 'x', 'extension', file)), file).toBe(true);
            // The packed schema is the source one (the compiled JSON's, or meso.config.json's).
            const source = JSON.parse(readFileSync(join(root, file), 'utf8')) as { $id: string };
            expect(JSON.parse(readFileSync(join(dir, 'x', 'extension', file), 'utf8')).$id).toBe(source.$id);
        }
        expect(manifest.contributes.jsonValidation.map(v => v.url)).toEqual(expect.arrayContaining(['./src/compiler/meso-schema.json', './src/config/meso-config.schema.json']));
        expect(schema.$id).toMatch(/^urn:meso:schema:/);
        expect(manifest.contributes.commands).toEqual(pkg.contributes.commands);
    });
});
