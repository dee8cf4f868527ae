// Malformed traffic through the real protocol (out/server.cjs over stdio): unknown methods,
// wrong params, positions out of range, changes to documents the server never opened or with
// versions going backwards, garbage notifications and broken frames. Each gets an error or is
// ignored, and the server keeps serving the document afterwards. (Framing errors end the server:
// test/server/framing.test.ts.)
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ErrorCodes, looksLikeError, outcome, REQUEST_TIMEOUT_MS, startSession, type Outcome, type Session } from '../helpers/lsp-session.js';

let session: Session;
let uri: string;

beforeAll(async () => {
    session = await startSession();
    uri = session.open('knee-osteoarthritis.meso').uri;
    await session.client.nextDiagnostics(uri, REQUEST_TIMEOUT_MS);
}, 60_000);
afterAll(() => session?.close());

const ask = (method: string, params: unknown): Promise<Outcome> => outcome(session.client.request(method, params, REQUEST_TIMEOUT_MS));

/** The document's symbols: proof that the server still parses and answers for it. */
async function symbolNames(): Promise<string[]> {
    const symbols = await session.client.request<Array<{ name: string }>>('textDocument/documentSymbol', { textDocument: { uri } }, REQUEST_TIMEOUT_MS);
    return symbols.result.map(s => s.name);
}

/** Every request of the editor, with the given document and position. */
function everyRequest(textDocument: unknown, position: unknown): Array<[string, unknown]> {
    const range = { start: position, end: position };
    return [
        ['textDocument/completion', { textDocument, position }],
        ['textDocument/hover', { textDocument, position }],
        ['textDocument/definition', { textDocument, position }],
        ['textDocument/documentSymbol', { textDocument }],
        ['textDocument/formatting', { textDocument, options: { tabSize: 4, insertSpaces: true } }],
        ['textDocument/rangeFormatting', { textDocument, range, options: { tabSize: 4, insertSpaces: true } }],
        ['textDocument/codeAction', { textDocument, range, context: { diagnostics: [] } }],
        ['textDocument/inlayHint', { textDocument, range }],
        ['textDocument/semanticTokens/full', { textDocument }],
        ['textDocument/semanticTokens/range', { textDocument, range }],
        ['textDocument/codeLens', { textDocument }],
        ['textDocument/foldingRange', { textDocument }],
        ['textDocument/references', { textDocument, position, context: { includeDeclaration: true } }],
        ['textDocument/documentHighlight', { textDocument, position }],
        ['textDocument/prepareRename', { textDocument, position }],
        ['textDocument/rename', { textDocument, position, newName: 'renamed' }]
    ];
}

describe('malformed requests get an error, the server keeps serving', () => {
    test('an unknown method is MethodNotFound', async () => {
        expect(await ask('meso/noSuchRequest', { uri: 'x' })).toEqual({ code: ErrorCodes.MethodNotFound, message: 'Unhandled method meso/noSuchRequest' });
    });

    test.each([
        ['line 2^31-1', { line: 2 ** 31 - 1, character: 2 ** 31 - 1 }],
        ['line 99999', { line: 99_999, character: 0 }],
        ['character 99999', { line: 3, character: 99_999 }],
        ['past the last line', { line: 47, character: 2 }]
    ])('every request at a position out of range (%s) gets a result, no error', async (_name, position) => {
        for (const [method, params] of everyRequest({ uri }, position)) {
            const got = await ask(method, params);
            expect('result' in got && !looksLikeError(got.result), `${method}: ${JSON.stringify(got)}`).toBe(true);
        }
    });

    test.each([
        ['-1:-1', { line: -1, character: -1 }],
        ['a fraction', { line: 1.5, character: 0 }],
        ['a string', { line: '3', character: 0 }],
        ['no character', { line: 3 }]
    ])('every request at a position that is not two unsigned integers (%s) is InvalidParams', async (_name, position) => {
        for (const [method, params] of everyRequest({ uri }, position).filter(([, p]) => 'position' in (p as object) || 'range' in (p as object))) {
            expect(await ask(method, params), method).toMatchObject({ code: ErrorCodes.InvalidParams, message: expect.stringMatching(/^Invalid params for .*: `(position|range)` must be/) });
        }
    });

    test('every request on a document the server never saw is InvalidParams (not ServerCancelled, which asks the client to retry)', async () => {
        const never = { uri: session.uriOf('never-opened.meso') };
        for (const [method, params] of everyRequest(never, { line: 0, character: 0 })) {
            expect(await ask(method, params), method).toEqual({ code: ErrorCodes.InvalidParams, message: `No document found for URI: ${never.uri}` });
        }
        const compiled = await ask('meso/compile', never);
        expect(compiled).toEqual({ result: { documents: [], errors: [`${never.uri} is not a loaded .meso document.`] } });
        expect(await ask('meso/preview', never)).toEqual({ result: null });
    });

    test('a request naming a .meso file outside the workspace does not load it', async () => {
        // Langium's workspace-wide requests (references, highlights, rename) used to read such a
        // file from disk and keep it: it was then validated and its diagnostics published.
        const dir = mkdtempSync(join(tmpdir(), 'meso-outside-'));
        try {
            writeFileSync(join(dir, 'outside.meso'), 'protocol outsider {\n    bogus\n}\n');
            const outside = { uri: pathToFileURL(join(dir, 'outside.meso')).href };
            for (const [method, params] of everyRequest(outside, { line: 0, character: 10 })) {
                expect(await ask(method, params), method).toEqual({ code: ErrorCodes.InvalidParams, message: `No document found for URI: ${outside.uri}` });
            }
            // An edit makes the server rebuild what it holds; the outside file is not among it.
            session.client.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '\n' }] });
            await session.client.nextDiagnostics(uri, REQUEST_TIMEOUT_MS);
            expect(session.client.published.has(outside.uri)).toBe(false);
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
    });

    test('requests without a textDocument, or with params that are not an object, are InvalidParams, not crashes', async () => {
        // Langium's handlers read params.textDocument.uri unguarded: the TypeError used to be an
        // InternalError response. The server checks the shape of params before any handler runs.
        for (const params of [{}, { position: { line: 0, character: 0 } }, { textDocument: { uri: 7 } }, 42, 'text', [1, 2], null]) {
            for (const method of ['textDocument/hover', 'textDocument/completion', 'textDocument/documentSymbol', 'textDocument/formatting']) {
                const got = await ask(method, params);
                expect(got, `${method} ${JSON.stringify(params)}`).toMatchObject({ code: ErrorCodes.InvalidParams });
            }
            for (const method of ['meso/compile', 'meso/preview']) {
                expect(await ask(method, params), `${method} ${JSON.stringify(params)}`).toMatchObject({ code: ErrorCodes.InvalidParams });
            }
        }
        expect(await symbolNames()).toEqual(['knee_osteoarthritis']);
    });

    test('a change to a document never opened is ignored', async () => {
        const other = session.uriOf('nowhere.meso');
        session.client.notify('textDocument/didChange', { textDocument: { uri: other, version: 2 }, contentChanges: [{ text: 'protocol x {' }] });
        expect(await symbolNames()).toEqual(['knee_osteoarthritis']);
        expect(session.client.published.has(other)).toBe(false);
        expect(await ask('textDocument/hover', { textDocument: { uri: other }, position: { line: 0, character: 0 } }))
            .toMatchObject({ code: ErrorCodes.InvalidParams });
    });

    test('a change with a version going backwards is applied (the client owns the text), one without a version is refused', async () => {
        // LSP says versions increase; vscode-languageserver applies a change whatever its number,
        // which keeps the server's text the client's. A change without a version is logged and dropped.
        const symbols = await session.client.request<Array<{ selectionRange: unknown }>>('textDocument/documentSymbol', { textDocument: { uri } }, REQUEST_TIMEOUT_MS);
        session.client.notify('textDocument/didChange', {
            textDocument: { uri, version: 0 },
            contentChanges: [{ range: symbols.result[0].selectionRange, text: 'knee_back' }]
        });
        session.client.notify('textDocument/didChange', { textDocument: { uri }, contentChanges: [{ text: 'protocol dropped {}' }] });
        expect(await symbolNames()).toEqual(['knee_back']);
        expect(session.client.logs.filter(l => l.type === 1).map(l => l.message)).toContain(
            `Notification handler 'textDocument/didChange' failed with message: Received document change event for ${uri} without valid version identifier`);
    });

    test('garbage notifications are ignored or logged, never fatal', async () => {
        session.client.notify('meso/garbage', 'ü\u0000\ud800');
        session.client.notify('textDocument/didChange', { textDocument: { uri, version: 50 } });
        session.client.notify('textDocument/didOpen', null);
        session.client.notify('textDocument/didClose', 17);
        session.client.notify('$/cancelRequest', { id: 'no such request' });
        session.client.notify('initialized', { again: true });
        session.client.send({ jsonrpc: '2.0', id: 987_654, result: 'a response to nothing' });
        expect(await symbolNames()).toEqual(['knee_back']);
        expect(session.client.child.exitCode).toBeNull();
    });

    test('a frame that is not JSON, or not JSON-RPC, is dropped and the connection goes on', async () => {
        // vscode-jsonrpc parses each Content-Length frame on its own: a bad body loses that frame only.
        session.client.sendRaw('{"jsonrpc": "2.0", "id": 77, "method": ');
        session.client.sendRaw('[1, 2, 3]');
        session.client.sendRaw('\u0000\u0001 not json at all');
        expect(await symbolNames()).toEqual(['knee_back']);
        expect(session.client.logs.map(l => l.message)).toContain('Received message which is neither a response nor a notification message:\n[\n    1,\n    2,\n    3\n]');
    });

    test('after all of it the server is up, wrote nothing to stderr, and never sent a broken frame', async () => {
        expect(session.client.child.exitCode).toBeNull();
        expect(await symbolNames()).toEqual(['knee_back']);
        expect(session.client.stderrText).toBe('');
        expect(session.client.badFrames).toEqual([]);
        // The log has the refused messages of the tests above, and no stack trace.
        expect(session.client.logs.filter(l => /\n\s+at /.test(l.message))).toEqual([]);
    });
});
