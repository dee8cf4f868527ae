import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';

const root = join(import.meta.dirname, '..');

function sources(dir: string): string[] {
    return readdirSync(dir).flatMap(f => {
        const full = join(dir, f);
        return statSync(full).isDirectory() ? sources(full) : f.endsWith('.ts') && !f.endsWith('.generated.ts') ? [full] : [];
    });
}

/** The relative imports of a source file, resolved to `.ts` files (type-only ones included). */
function localImports(file: string): string[] {
    const text = readFileSync(file, 'utf8');
    return [...text.matchAll(/from '(\.[^']+)'/g)].map(m => join(file, '..', m[1].replace(/\.js$/, '.ts')))
        .filter(f => existsSync(f));
}

/** The packages a source file imports. */
function packageImports(file: string): string[] {
    return [...readFileSync(file, 'utf8').matchAll(/from '([^.'][^']*)'/g)].map(m => m[1]);
}

/** Every source file reachable from `entry` through relative imports. */
function closure(entry: string): string[] {
    const seen = new Set<string>([entry]);
    const queue = [entry];
    while (queue.length > 0) {
        for (const next of localImports(queue.pop()!)) {
            if (!seen.has(next)) { seen.add(next); queue.push(next); }
        }
    }
    return [...seen].sort();
}

// The language server's library and Langium's LSP layer; `vscode-languageserver-types` (plain
// data types, which Langium's core uses too) is allowed.
const LSP_PACKAGE = /^(vscode-languageserver(\/.*)?|vscode-languageserver-protocol|langium\/lsp)$/;
const lspFolder = join(root, 'src/language/lsp');

describe('the language core has no LSP', () => {
    test('no core file (src/language/ outside lsp/) imports the language server, Langium\'s LSP layer or a file of lsp/', () => {
        const offences = sources(join(root, 'src/language')).filter(f => !f.startsWith(lspFolder) && !f.includes('/generated/')).flatMap(file => [
            ...packageImports(file).filter(p => LSP_PACKAGE.test(p)),
            ...localImports(file).filter(f => f.startsWith(lspFolder)).map(f => relative(root, f))
        ].map(bad => `${relative(root, file)}: ${bad}`));
        expect(offences).toEqual([]);
    });

    test('nothing the CLI runs (everything src/cli/main.ts reaches) imports them', () => {
        const files = closure(join(root, 'src/cli/main.ts'));
        expect(files.length, 'the closure follows imports').toBeGreaterThan(40);
        const offences = files.flatMap(file => [
            ...(file.startsWith(lspFolder) ? ['is an LSP file'] : []),
            ...packageImports(file).filter(p => LSP_PACKAGE.test(p))
        ].map(bad => `${relative(root, file)}: ${bad}`));
        expect(offences).toEqual([]);
    });

    test('the CLI bundle carries no language-server code, the server bundle does', () => {
        // Strings of vscode-languageserver's connection, Langium's LSP layer and Meso's quick fixes.
        const probes = ['onCompletion', 'SemanticTokensBuilder', 'with a reason (meso-ignore)'];
        const cli = readFileSync(join(root, 'out/cli.cjs'), 'utf8');
        const server = readFileSync(join(root, 'out/server.cjs'), 'utf8');
        expect(probes.filter(p => cli.includes(p))).toEqual([]);
        expect(probes.filter(p => server.includes(p))).toEqual(probes);
    });
});

describe('module boundaries (docs/architecture.md)', () => {
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
