import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';
import pkg from '../../package.json' with { type: 'json' };
import langiumPkg from '../../node_modules/langium/package.json' with { type: 'json' };

const root = join(import.meta.dirname, '../..');
const doc = readFileSync(join(root, 'docs/langium-overrides.md'), 'utf8');

function sources(dir: string): string[] {
    return readdirSync(dir).flatMap(f => {
        const full = join(dir, f);
        return statSync(full).isDirectory() ? sources(full) : f.endsWith('.ts') && !full.includes('/generated/') ? [full] : [];
    });
}

/** Every `override` method of a class of src/ that extends a class imported from Langium. */
function langiumOverrides(): Array<{ file: string; cls: string; method: string }> {
    return sources(join(root, 'src')).flatMap(file => {
        const text = readFileSync(file, 'utf8');
        const fromLangium = new Set([...text.matchAll(/import \{([^}]*)\} from 'langium(?:\/lsp|\/node)?'/g)]
            .flatMap(m => m[1].split(',').map(name => name.trim().replace(/^type\s+/, ''))));
        const classes = [...text.matchAll(/^export class (\w+) extends (\w+)/gm)];
        return classes.flatMap((c, i) => {
            if (!fromLangium.has(c[2])) return [];
            const body = text.slice(c.index, classes[i + 1]?.index ?? text.length);
            return [...body.matchAll(/^\s+(?:protected |public )?override (?:async |get |set )?(\w+)/gm)]
                .map(m => ({ file: relative(root, file), cls: c[1], method: m[1] }));
        });
    });
}

describe('docs/langium-overrides.md', () => {
    test('has a row for every Langium method a class of src/ overrides', () => {
        const overrides = langiumOverrides();
        expect(overrides.length, 'the scan finds the overrides').toBeGreaterThan(30);
        const rows = doc.split('\n').filter(l => l.startsWith('| `'));
        const missing = overrides.filter(({ cls, method }) => !rows.some(row =>
            row.includes(`\`${cls}.${method}\``) || (row.includes(`\`${cls}.`) && row.includes(`\`.${method}\``))));
        expect(missing.map(o => `${o.file}: ${o.cls}.${o.method} (add a row: Langium method, visibility, gain, guard test, what to compare)`)).toEqual([]);
    });

    test('names only overrides that exist', () => {
        const overrides = new Set(langiumOverrides().map(o => `${o.cls}.${o.method}`));
        const named = [...doc.matchAll(/^\| `(Meso\w+)\.(\w+)`((?:, `\.\w+`)*)/gm)].flatMap(m =>
            [m[2], ...[...m[3].matchAll(/`\.(\w+)`/g)].map(x => x[1])].map(method => `${m[1]}.${method}`));
        expect(named.length).toBeGreaterThan(30);
        expect(named.filter(n => !overrides.has(n))).toEqual([]);
    });

    test('describes the Langium that is installed, which package.json pins to its minor version', () => {
        expect(pkg.devDependencies.langium).toBe('~4.4.0');
        expect(pkg.devDependencies['langium-cli']).toBe('~4.4.0');
        expect(langiumPkg.version).toMatch(/^4\.4\.\d+$/);
        expect(doc).toContain('Langium 4.4');
    });
});
