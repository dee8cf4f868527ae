// Errors the server returns by itself (a cancelled request, an unknown document) must reach the
// client as JSON-RPC errors. With two copies of vscode-jsonrpc in out/server.cjs they went out
// as results (`{"code":-32800}`), which an editor reads as a malformed hover or hint list.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ErrorCodes, looksLikeError, outcome, REQUEST_TIMEOUT_MS, startSession, type Session } from '../helpers/lsp-session.js';

let session: Session;
let uri: string;

beforeAll(async () => {
    session = await startSession();
    uri = session.open('knee-osteoarthritis.meso').uri;
    await session.client.request('textDocument/documentSymbol', { textDocument: { uri } }, REQUEST_TIMEOUT_MS);
}, 60_000);
afterAll(() => session?.close());

describe('server errors are JSON-RPC errors', () => {
    test('a request on a document the server never saw is an InvalidParams error, not a result', async () => {
        const got = await outcome(session.client.request('textDocument/hover',
            { textDocument: { uri: session.uriOf('never-opened.meso') }, position: { line: 0, character: 0 } }, REQUEST_TIMEOUT_MS));
        expect(got).toEqual({ code: ErrorCodes.InvalidParams, message: expect.stringContaining('never-opened.meso') });
    });

    test('a request cancelled while it waits for a rebuild is answered with RequestCancelled or a real result', async () => {
        const outcomes = [];
        for (let version = 2; version < 32; version++) {
            // Each edit starts a rebuild; the inlay hints wait for it, and are cancelled meanwhile.
            session.client.notify('textDocument/didChange', {
                textDocument: { uri, version },
                contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: ' ' }]
            });
            const { id, response } = session.client.start('textDocument/inlayHint',
                { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 60, character: 0 } } }, REQUEST_TIMEOUT_MS);
            session.client.cancel(id);
            outcomes.push(await outcome(response));
        }
        for (const o of outcomes) {
            if ('code' in o) expect(o.code).toBe(ErrorCodes.RequestCancelled);
            else expect(Array.isArray(o.result) && !looksLikeError(o.result), JSON.stringify(o.result)).toBe(true);
        }
    });
});
