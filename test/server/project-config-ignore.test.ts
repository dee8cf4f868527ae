// meso.config.json's `ignore` in the language server, as `meso check` treats it: an ignored
// protocol gets no diagnostics from the workspace, unless a file that is not ignored imports it
// (then `meso check` checks and reports it too) or it is open in the editor.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { LspClient } from '../../scripts/lib/lsp-client.mjs';
import { run } from '../helpers/child-process.js';
import { cliPath, serverPath } from '../helpers/lsp-session.js';

const dir = mkdtempSync(join(tmpdir(), 'meso-server-ignore-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const overdosed = (id: string) => `protocol ${id} {
    indication pain
    patients from 60 kg
    mixture m { lidocaine 50 mL }
    session s { inject m }
    schedule { phase p: 3 sessions of s every 7 days }
}
`;
const MAIN = 'import "drafts/imported.meso"\nprotocol main_one {\n    indication pain\n}\n';
const ALONE = 'protocol main_one {\n    indication pain\n}\n';

type Published = { diagnostics: Array<{ code?: string; range: { start: { line: number } } }> };

describe('the server leaves out what meso.config.json ignores, as meso check does', () => {
    test('an ignored file gets diagnostics only while imported or open; the files with diagnostics are those meso check reports', async () => {
        mkdirSync(join(dir, '.git'));
        mkdirSync(join(dir, 'drafts'));
        writeFileSync(join(dir, 'meso.config.json'), '{ "ignore": ["drafts/**"] }\n');
        writeFileSync(join(dir, 'main.meso'), MAIN);
        writeFileSync(join(dir, 'drafts', 'alone.meso'), overdosed('draft_alone'));
        writeFileSync(join(dir, 'drafts', 'imported.meso'), overdosed('draft_imported'));
        const cli = run(process.execPath, [cliPath, 'check', '--format', 'json'], { cwd: dir });
        const reported = (JSON.parse(cli.out) as Array<{ file: string; code: string; line: number }>)
            .map(d => `${d.file.replace(/\\/g, '/')}:${d.line}:${d.code}`).sort();
        expect(reported).toEqual(['drafts/imported.meso:4:overdose-session', 'drafts/imported.meso:4:overdose-session', 'drafts/imported.meso:4:overdose-weight']);

        const uri = (file: string) => pathToFileURL(join(dir, file)).toString();
        const client = new LspClient(serverPath, { cwd: dir });
        const shown = () => [...client.published].filter(([, e]) => e.diagnostics.length > 0)
            .flatMap(([u, e]) => (e.diagnostics as Published['diagnostics']).map(d => `${u.slice(uri('').length + 1)}:${d.range.start.line + 1}:${d.code}`)).sort();
        try {
            await client.initialize(pathToFileURL(dir).toString());
            // Answered once the workspace is loaded (its files are not validated until something changes).
            await client.request('workspace/symbol', { query: 'main_one' });
            // A change of the configuration checks every file of the workspace again, and publishes.
            const main = client.nextDiagnostics(uri('main.meso'));
            const imported = client.nextDiagnostics(uri('drafts/imported.meso'));
            client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uri('meso.config.json'), type: 2 }] });
            await Promise.all([main, imported]);
            await client.settle(1000);
            expect(shown()).toEqual(reported);
            expect(client.published.has(uri('drafts/alone.meso'))).toBe(false);

            // No longer imported: its diagnostics are withdrawn, though the file itself did not change.
            const withdrawn = client.nextDiagnostics(uri('drafts/imported.meso')) as Promise<Published>;
            client.notify('textDocument/didOpen', { textDocument: { uri: uri('main.meso'), languageId: 'meso', version: 1, text: MAIN } });
            client.notify('textDocument/didChange', { textDocument: { uri: uri('main.meso'), version: 2 }, contentChanges: [{ text: ALONE }] });
            expect((await withdrawn).diagnostics).toEqual([]);

            // Open, an ignored file is checked; closed, it is hidden again.
            const opened = client.nextDiagnostics(uri('drafts/alone.meso')) as Promise<Published>;
            client.notify('textDocument/didOpen', { textDocument: { uri: uri('drafts/alone.meso'), languageId: 'meso', version: 1, text: overdosed('draft_alone') } });
            expect((await opened).diagnostics.map(d => d.code).sort()).toEqual(['overdose-session', 'overdose-session', 'overdose-weight']);
            const closed = client.nextDiagnostics(uri('drafts/alone.meso')) as Promise<Published>;
            client.notify('textDocument/didClose', { textDocument: { uri: uri('drafts/alone.meso') } });
            expect((await closed).diagnostics).toEqual([]);
        } finally {
            await client.shutdown();
        }
    }, 60_000);
});
