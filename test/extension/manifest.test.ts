import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import pkg from '../../package.json' with { type: 'json' };
import { MesoCommands } from '../../src/language/lsp/meso-protocol.js';

const root = join(import.meta.dirname, '..', '..');

describe('extension manifest', () => {
    test('every command the code lens and the extension use is contributed', () => {
        const contributed = pkg.contributes.commands.map(c => c.command).sort();
        expect(contributed).toEqual(Object.values(MesoCommands).sort());
    });

    test('every contributed file exists and is packaged (.vscodeignore)', () => {
        const ignore = readFileSync(join(root, '.vscodeignore'), 'utf8');
        const files = [pkg.icon, pkg.contributes.languages[0].configuration, pkg.contributes.grammars[0].path,
            pkg.contributes.snippets[0].path, pkg.contributes.languages[0].icon.light, pkg.main];
        for (const f of files) {
            const relative = f.replace(/^\.\//, '');
            expect(existsSync(join(root, relative)), relative).toBe(true);
            expect(ignore, relative).toContain(`!${relative}`);
        }
    });

    test('the contributed settings are exactly those the extension reads', () => {
        // Each `getConfiguration('meso', …).get('<key>')` in the extension, plus `<client id>.trace.server`,
        // which vscode-languageclient reads for the client created as `new LanguageClient('<id>', …)`.
        const read = new Set<string>();
        for (const file of readdirSync(join(root, 'src/extension')).filter(f => f.endsWith('.ts'))) {
            const text = readFileSync(join(root, 'src/extension', file), 'utf8');
            for (const m of text.matchAll(/getConfiguration\('([a-z]+)'[^)]*\)\.get(?:<[^>]+>)?\('([A-Za-z.]+)'/g)) read.add(`${m[1]}.${m[2]}`);
            for (const m of text.matchAll(/new LanguageClient\('([a-z]+)'/g)) read.add(`${m[1]}.trace.server`);
        }
        expect([...read].sort()).toEqual(Object.keys(pkg.contributes.configuration.properties).sort());
    });

    test('the extension bundle does not carry the language server', () => {
        const bundle = readFileSync(join(root, 'out/extension.cjs'), 'utf8');
        expect(bundle.includes('LangiumParser'), 'the Langium parser is in the extension bundle').toBe(false);
        expect(bundle.length).toBeLessThan(1024 * 1024);
    });
});
