// The server speaks the client's language (initialize.locale) unless the meso.locale setting
// names another; over stdio, on the bundled server.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { REQUEST_TIMEOUT_MS, startSession, type Session } from '../helpers/lsp-session.js';

let session: Session;
beforeAll(async () => {
    session = await startSession(undefined, undefined, { locale: 'it' });
}, 60_000);
afterAll(async () => { await session?.close(); });

async function lensTitles(): Promise<string[]> {
    const { uri } = session.open('low-back-pain.meso');
    const got = await session.client.request<Array<{ command?: { title: string } }>>('textDocument/codeLens', { textDocument: { uri } }, REQUEST_TIMEOUT_MS);
    session.client.notify('textDocument/didClose', { textDocument: { uri } });
    return got.result.map(l => l.command?.title ?? '');
}

describe('the language server locale', () => {
    test('initialize with locale "it" gives Italian lenses', async () => {
        const titles = await lensTitles();
        expect(titles[0]).toMatch(/^\d+(-\d+)? sedute \+ \d+ di mantenimento · \d+(-\d+)? giorni$/);
        expect(titles.slice(1)).toEqual(['Compila in JSON', 'Anteprima']);
    });

    test('the meso.locale setting overrides the client, and "auto" follows it again', async () => {
        session.client.notify('workspace/didChangeConfiguration', { settings: { meso: { locale: 'en' } } });
        expect((await lensTitles()).slice(1)).toEqual(['Compile to JSON', 'Preview']);
        session.client.notify('workspace/didChangeConfiguration', { settings: { meso: { locale: 'auto' } } });
        expect((await lensTitles()).slice(1)).toEqual(['Compila in JSON', 'Anteprima']);
    });
});
