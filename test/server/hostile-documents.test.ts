// What editors really send, through the real server (out/server.cjs over stdio): documents of
// every URI scheme, a never-saved file closed, a 50 MB buffer, and a workspace holding a file
// that made the parser overflow its stack (130,000 comment lines). The server never exits, keeps serving the other
// files, and answers within the time limits of these tests.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver-types';
import { outcome, REQUEST_TIMEOUT_MS, startSession, type Session } from '../helpers/lsp-session.js';

let session: Session;
const DEEP = '// a comment\n'.repeat(130_000) + 'class after_the_comments\n';

beforeAll(async () => {
    // A workspace file written before the server starts: it is loaded with the workspace.
    session = await startSession(undefined, dir => writeFileSync(join(dir, 'deep.meso'), DEEP));
}, 120_000);
afterAll(() => session?.close());

const symbolsOf = async (uri: string) => {
    const got = await outcome(session.client.request('textDocument/documentSymbol', { textDocument: { uri } }, REQUEST_TIMEOUT_MS));
    return 'result' in got ? (got.result as Array<{ name: string }>).map(s => s.name) : got;
};

async function openAndWait(uri: string, text: string): Promise<Diagnostic[]> {
    const published = session.client.nextDiagnostics(uri, REQUEST_TIMEOUT_MS);
    session.client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'meso', version: 1, text } });
    return (await published).diagnostics as Diagnostic[];
}

describe('the server serves what editors send, and one bad file never stops the others', () => {
    test('a workspace holding 130,000 comment lines (which overflowed the parser): that file is checked and served, and so are the others', async () => {
        expect(await symbolsOf(session.uriOf('keloid.meso'))).toEqual(['keloid']);
        const uri = session.uriOf('deep.meso');
        const deep = await openAndWait(uri, DEEP);
        expect(deep.filter(d => d.severity === 1)).toEqual([]);
        expect(await symbolsOf(uri)).toEqual(['after_the_comments']);
        const last = { line: 130_000, character: 8 };
        for (const [method, params] of [
            ['textDocument/hover', { position: last }],
            ['textDocument/foldingRange', {}],
            ['textDocument/semanticTokens/full', {}],
            ['textDocument/formatting', { options: { tabSize: 4, insertSpaces: true } }],
            ['textDocument/rangeFormatting', { range: { start: { line: 129_990, character: 0 }, end: last }, options: { tabSize: 4, insertSpaces: true } }]
        ] as const) {
            const got = await outcome(session.client.request(method, { textDocument: { uri }, ...params }, REQUEST_TIMEOUT_MS));
            expect(got, method).toHaveProperty('result');
        }
        expect(await symbolsOf(session.uriOf('cellulite.meso'))).toEqual(['cellulite_thighs']);
    }, 120_000);

    test.each([
        ['untitled:Untitled-2'],
        ['vscode-notebook-cell:/home/u/notes.ipynb#W0sZmlsZQ%3D%3D'],
        ['vscode-vfs://github/clinic/protocols/knee.meso'],
        ['file:///no/such/folder/never-saved.meso']
    ])('%s is checked and served; its unreadable import is reported; closing it clears its diagnostics', async uri => {
        const diagnostics = await openAndWait(uri, 'import "clinic-formulary.meso"\nprotocol draft {\n    indication pain\n}\n');
        expect(diagnostics.map(d => d.code)).toContain('import-unresolved');
        const hover = await outcome(session.client.request('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 11 } }, REQUEST_TIMEOUT_MS));
        expect(hover).toMatchObject({ result: { contents: { kind: 'markdown' } } });
        expect(await symbolsOf(uri)).toEqual(['draft']);
        const cleared = session.client.nextDiagnostics(uri, REQUEST_TIMEOUT_MS);
        session.client.notify('textDocument/didClose', { textDocument: { uri } });
        expect((await cleared).diagnostics).toEqual([]);
        // Closed and never saved: it has left the server.
        expect(await outcome(session.client.request('textDocument/documentSymbol', { textDocument: { uri } }, REQUEST_TIMEOUT_MS))).toMatchObject({ code: -32602 });
        expect(session.client.child.exitCode).toBeNull();
    }, 60_000);

    test('a never-saved file, once closed, no longer resolves the imports of saved files', async () => {
        writeFileSync(join(session.dir, 'uses-draft.meso'), 'import "draft-formulary.meso"\nclass mine\n');
        const draft = session.uriOf('draft-formulary.meso');
        const saved = session.uriOf('uses-draft.meso');
        await openAndWait(draft, 'class house_class\n');
        expect((await openAndWait(saved, 'import "draft-formulary.meso"\nclass mine\n')).map(d => d.code)).not.toContain('import-unresolved');
        const after = session.client.nextDiagnostics(saved, REQUEST_TIMEOUT_MS);
        session.client.notify('textDocument/didClose', { textDocument: { uri: draft } });
        expect((await after).diagnostics.map(d => (d as Diagnostic).code)).toContain('import-unresolved');
        const compiled = await outcome(session.client.request('meso/compile', { uri: saved }, REQUEST_TIMEOUT_MS));
        expect(compiled).toMatchObject({ result: { documents: [], errors: [expect.stringContaining('import-unresolved')] } });
    }, 60_000);

    test('a 50 MB buffer is refused as too large without blocking the other requests', async () => {
        const uri = session.uriOf('huge.meso');
        const text = 'substance s { class nsaid }\n'.repeat(1_800_000);
        expect(text.length).toBeGreaterThan(50_000_000);
        const published = session.client.nextDiagnostics(uri, REQUEST_TIMEOUT_MS);
        session.client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'meso', version: 1, text } });
        const started = performance.now();
        const hover = await outcome(session.client.request('textDocument/hover', { textDocument: { uri: session.uriOf('keloid.meso') }, position: { line: 15, character: 10 } }, REQUEST_TIMEOUT_MS));
        const ms = performance.now() - started;
        expect('result' in hover).toBe(true);
        // The 50 MB frame itself is read and JSON-parsed first (2 s on a quiet machine, up to 25 s
        // with the machine's two cores shared five ways); parsing the text took 105 s quiet before.
        expect(ms).toBeLessThan(45_000);
        const diagnostics = (await published).diagnostics as Diagnostic[];
        expect(diagnostics.map(d => [d.code, d.message])).toEqual([['not-text', 'This document was not checked: it holds 50.4 MB of text, over the limit of 10.0 MB per file.']]);
        const closed = session.client.nextDiagnostics(uri, REQUEST_TIMEOUT_MS);
        session.client.notify('textDocument/didClose', { textDocument: { uri } });
        expect((await closed).diagnostics).toEqual([]);
        console.log(`hostile-documents: hover answered ${Math.round(ms)} ms after a 50 MB didOpen`);
    }, 120_000);

    test('after all of it the server is up and wrote nothing to stderr', async () => {
        expect(session.client.child.exitCode).toBeNull();
        expect(await symbolsOf(session.uriOf('keloid.meso'))).toEqual(['keloid']);
        expect(session.client.stderrText).toBe('');
    });
});
