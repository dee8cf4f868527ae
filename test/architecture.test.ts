import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';

const root = join(import.meta.dirname, '..');

function sources(dir: string): string[] {
    return readdirSync(dir).flatMap(f => {
        const full = join(dir, f);
        return statSync(full).isDirectory() ? sources(full) : f.endsWith('.ts') && !f.endsWith('.generated.ts') ? [full] : [];
    });
}

describe('module boundaries (docs: shared/design/architecture.md)', () => {
    test('the language core never imports vscode, the client, node built-ins, nor touches process', () => {
        const offences = sources(join(root, 'src/language')).filter(f => !f.includes('/generated/')).flatMap(file => {
            const text = readFileSync(file, 'utf8');
            const bad = [...text.matchAll(/from '(vscode|vscode-languageclient[^']*|node:[^']+|fs|path|child_process|os)'/g)].map(m => m[1]);
            if (/\bprocess\.(env|exit|cwd|argv|stdout|stderr)/.test(text)) bad.push('process');
            return bad.map(b => `${relative(root, file)}: ${b}`);
        });
        expect(offences).toEqual([]);
    });

    test('only the CLI entry point sets the exit code of the process', () => {
        const setters = sources(join(root, 'src/cli')).filter(f => /process\.(exit\b|exitCode)/.test(readFileSync(f, 'utf8')));
        expect(setters.map(f => relative(root, f))).toEqual(['src/cli/main.ts']);
    });

    test('dose arithmetic lives in semantics: no other module multiplies by a concentration', () => {
        const offences = sources(join(root, 'src')).filter(f => !f.includes('/semantics/'))
            .filter(f => /\.perMl\b.*\.mul\(|\.mul\([^)]*perMl/.test(readFileSync(f, 'utf8')));
        expect(offences.map(f => relative(root, f))).toEqual([]);
    });
});
