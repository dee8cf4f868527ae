// The manifest's titles and descriptions are %keys% of package.nls.json (English) and
// package.nls.it.json (Italian): every key used is in both, and neither has a key nobody uses.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const read = (f: string) => readFileSync(join(root, f), 'utf8');
const used = [...read('package.json').matchAll(/"%([A-Za-z.]+)%"/g)].map(m => m[1]);
const en = JSON.parse(read('package.nls.json')) as Record<string, string>;
const it = JSON.parse(read('package.nls.it.json')) as Record<string, string>;

describe('package.nls', () => {
    test('command titles and setting descriptions are translated keys', () => {
        const pkg = JSON.parse(read('package.json')) as { contributes: { commands: { title: string }[]; configuration: { properties: Record<string, { description: string }> } } };
        expect(pkg.contributes.commands.every(c => /^%.+%$/.test(c.title))).toBe(true);
        expect(Object.values(pkg.contributes.configuration.properties).every(p => /^%.+%$/.test(p.description))).toBe(true);
    });

    test('English and Italian have exactly the keys package.json uses', () => {
        const keys = [...new Set(used)].sort();
        expect(Object.keys(en).sort()).toEqual(keys);
        expect(Object.keys(it).sort()).toEqual(keys);
    });

    test('the Italian titles are Italian', () => {
        expect(it['command.compileToJson']).toBe('Compila in JSON');
        expect(Object.keys(it).filter(k => it[k] === en[k] && en[k] !== 'Meso')).toEqual([]);
    });
});
