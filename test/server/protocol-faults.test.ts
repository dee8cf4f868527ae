// The base protocol and the lifecycle over stdio, each case on its own server (out/server.cjs):
// a framing error ends the server with one line on stderr and exit code 1, so that the client
// restarts it (vscode-jsonrpc stayed alive and silent); requests before `initialize` and after
// `shutdown` get the errors LSP 3.17 names for them.
import { Buffer } from 'node:buffer';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, test } from 'vitest';
import { LspClient } from '../../scripts/lib/lsp-client.mjs';
import { outcome, repo, REQUEST_TIMEOUT_MS, serverPath } from '../helpers/lsp-session.js';

const root = pathToFileURL(join(repo, 'examples')).href;

/** Waits for the process to exit (a hang fails the test at its timeout). */
async function exitOf(client: LspClient): Promise<{ code: number | null; signal: string | null }> {
    return client.exited;
}

describe('framing errors end the server with a message on stderr', () => {
    test.each([
        ['4 KiB of binary', () => randomBytes(4096).fill(0xff, 0, 1)],
        ['a Content-Length of 10^12', () => Buffer.from('Content-Length: 1000000000000\r\n\r\n{}')],
        ['a Content-Length of -5', () => Buffer.from('Content-Length: -5\r\n\r\n{}')],
        ['a Content-Length of abc', () => Buffer.from('Content-Length: abc\r\n\r\n{}')],
        ['a header without Content-Length', () => Buffer.from('Content-Type: application/vscode-jsonrpc\r\n\r\n{"jsonrpc":"2.0","id":1,"method":"shutdown"}')]
    ])('%s', async (_name, bytes) => {
        const client = new LspClient(serverPath, { cwd: repo });
        await client.initialize(root, 'faults');
        client.child.stdin!.write(bytes());
        const exit = await exitOf(client);
        expect(exit).toEqual({ code: 1, signal: null });
        expect(client.stderrText).toMatch(/^meso language server: framing error on stdin: .+\. Exiting so that the client restarts the server\.\n$/);
    }, 30_000);

    test('well-formed frames are served, and nothing is written to stderr', async () => {
        const client = new LspClient(serverPath, { cwd: repo });
        try {
            await client.initialize(root, 'faults');
            const symbols = await client.request('workspace/symbol', { query: 'knee' }, REQUEST_TIMEOUT_MS);
            expect(Array.isArray(symbols.result)).toBe(true);
        } finally {
            await client.shutdown();
        }
        expect(client.stderrText).toBe('');
    }, 30_000);
});

describe('lifecycle errors (LSP 3.17)', () => {
    test('a request before initialize is ServerNotInitialized at once, a notification is dropped', async () => {
        const client = new LspClient(serverPath, { cwd: repo });
        try {
            client.notify('textDocument/didOpen', { textDocument: { uri: `${root}/x.meso`, languageId: 'meso', version: 1, text: 'protocol p {' } });
            expect(await outcome(client.request('textDocument/hover', { textDocument: { uri: `${root}/x.meso` }, position: { line: 0, character: 0 } }, 5_000)))
                .toEqual({ code: -32002, message: "The server is not initialized: 'textDocument/hover' before 'initialize'." });
            await client.initialize(root, 'faults');
            // The didOpen before initialize was dropped: the document is unknown.
            expect(await outcome(client.request('textDocument/hover', { textDocument: { uri: `${root}/x.meso` }, position: { line: 0, character: 0 } }, REQUEST_TIMEOUT_MS)))
                .toMatchObject({ code: -32602 });
            expect(await outcome(client.request('initialize', { processId: null, rootUri: null, capabilities: {} }, 5_000)))
                .toEqual({ code: -32600, message: 'The server is already initialized.' });
        } finally {
            await client.shutdown();
        }
    }, 30_000);

    test('a request after shutdown is InvalidRequest; exit then ends the process with 0', async () => {
        const client = new LspClient(serverPath, { cwd: repo });
        await client.initialize(root, 'faults');
        expect(await outcome(client.request('shutdown', null, REQUEST_TIMEOUT_MS))).toEqual({ result: null });
        expect(await outcome(client.request('workspace/symbol', { query: '' }, 5_000)))
            .toEqual({ code: -32600, message: "The server is shut down: 'workspace/symbol' after 'shutdown'." });
        client.notify('exit', null);
        expect(await exitOf(client)).toEqual({ code: 0, signal: null });
    }, 30_000);
});
