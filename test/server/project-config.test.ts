// The language server reads meso.config.json at the workspace root before its first build, and
// again when the file changes (didChangeWatchedFiles); problems are published on the file.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { LspClient } from '../../scripts/lib/lsp-client.mjs';

const server = join(import.meta.dirname, '..', '..', 'out', 'server.cjs');
const dir = mkdtempSync(join(tmpdir(), 'meso-server-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const PROTOCOL = `protocol back_pain {
    indication pain
    patients from 60 kg
    skin test 2 days before first session
    mixture m { lidocaine 1 mL  methylprednisolone 1 mL  saline 2 mL }
    session s { inject m }
    schedule { phase p: 3 sessions of s every 7 days }
}
`;

type Published = { diagnostics: Array<{ code?: string; severity?: number; message: string; range: { start: { line: number; character: number } } }> };

describe('language server and meso.config.json', () => {
    test('the profile applies from the start, a change is re-read, a bad file gets config-invalid at its place', async () => {
        mkdirSync(join(dir, '.git'));
        writeFileSync(join(dir, 'meso.config.json'), '{ "profile": "sfm-fr" }\n');
        writeFileSync(join(dir, 'back.meso'), PROTOCOL);
        const root = pathToFileURL(dir).toString();
        const file = pathToFileURL(join(dir, 'back.meso')).toString();
        const config = pathToFileURL(join(dir, 'meso.config.json')).toString();
        const client = new LspClient(server, { cwd: dir });
        try {
            await client.initialize(root);
            const first = client.nextDiagnostics(file) as Promise<Published>;
            client.notify('textDocument/didOpen', { textDocument: { uri: file, languageId: 'meso', version: 1, text: PROTOCOL } });
            const mixing = (p: Published) => p.diagnostics.filter(d => d.code === 'not-for-mixing').map(d => d.severity);
            expect(mixing(await first)).toEqual([1]);

            writeFileSync(join(dir, 'meso.config.json'), '{ "profile": "label" }\n');
            const second = client.nextDiagnostics(file) as Promise<Published>;
            client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: config, type: 2 }] });
            expect(mixing(await second)).toEqual([2]);

            writeFileSync(join(dir, 'meso.config.json'), '{\n  "profil": "label"\n}\n');
            const onConfig = client.nextDiagnostics(config) as Promise<Published>;
            client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: config, type: 2 }] });
            const problems = (await onConfig).diagnostics;
            expect(problems.map(d => [d.code, d.range.start.line, d.range.start.character, d.message])).toEqual([
                ['config-invalid', 1, 2, "Unknown setting 'profil'; the settings are 'profile', 'severities', 'formularies', 'ignore'. Did you mean 'profile'?"]
            ]);
        } finally {
            await client.shutdown();
        }
    }, 120_000);
});
