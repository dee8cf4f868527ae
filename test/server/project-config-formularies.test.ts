// The formularies of meso.config.json, read by the language server as `meso check` reads them:
// one the search of the workspace skips (node_modules) is loaded all the same, and one outside
// the project folder is refused by both, for the same reason (#20's rule: nothing is read from
// outside the project), the CLI with exit 2 and the server with config-invalid at its entry.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { LspClient } from '../../scripts/lib/lsp-client.mjs';
import { run } from '../helpers/child-process.js';
import { cliPath, serverPath } from '../helpers/lsp-session.js';

const dir = mkdtempSync(join(tmpdir(), 'meso-server-formularies-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const FORMULARY = 'substance zinc "Zinc" { class revitalizer concentration 2 mg/mL max 3 mg per session source "Clinic formulary" evidence design }\n';
const PROTOCOL = `protocol zinc_face "Zinc" {
    indication aesthetic
    mixture m { zinc 2 mL
        saline 1 mL }
    session s { inject m }
    schedule { phase a: 1 session of s every 7 days }
}
`;

type Published = { diagnostics: Array<{ code?: string; severity?: number; message: string; range: { start: { line: number; character: number } } }> };

function project(name: string, formulary: string): string {
    const folder = join(dir, name);
    mkdirSync(join(folder, '.git'), { recursive: true });
    writeFileSync(join(folder, 'meso.config.json'), `{\n  "formularies": ["${formulary}"]\n}\n`);
    writeFileSync(join(folder, 'face.meso'), PROTOCOL);
    return folder;
}

async function withServer<T>(folder: string, body: (client: LspClient, uri: (file: string) => string, config: Promise<Published>) => Promise<T>): Promise<T> {
    const uri = (file: string) => pathToFileURL(join(folder, file)).toString();
    const client = new LspClient(serverPath, { cwd: folder });
    try {
        const config = client.nextDiagnostics(uri('meso.config.json')) as Promise<Published>;
        await client.initialize(pathToFileURL(folder).toString());
        return await body(client, uri, config);
    } finally {
        await client.shutdown();
    }
}

describe('formularies of meso.config.json: the same answer from the CLI and the server', () => {
    test('a formulary in node_modules (which the workspace search skips) applies in the editor as in meso check', async () => {
        const folder = project('npm', 'node_modules/clinic/formulary.meso');
        mkdirSync(join(folder, 'node_modules/clinic'), { recursive: true });
        writeFileSync(join(folder, 'node_modules/clinic/formulary.meso'), FORMULARY);
        const cli = run(process.execPath, [cliPath, 'check', '--format', 'json'], { cwd: folder });
        const reported = (JSON.parse(cli.out) as Array<{ file: string; code: string; line: number; column: number; message: string }>)
            .map(d => [d.file, d.line, d.column, d.code, d.message]);
        expect(reported).toEqual([['face.meso', 3, 22, 'overdose-session', "'zinc' 4 mg in session 's' exceeds its maximum of 3 mg per session (formulary.meso: Clinic formulary; evidence: design)."]]);
        const published = await withServer(folder, async (client, uri, config) => {
            expect((await config).diagnostics).toEqual([]);
            await client.request('workspace/symbol', { query: 'zinc_face' });
            const face = client.nextDiagnostics(uri('face.meso')) as Promise<Published>;
            client.notify('textDocument/didOpen', { textDocument: { uri: uri('face.meso'), languageId: 'meso', version: 1, text: PROTOCOL } });
            return (await face).diagnostics;
        });
        expect(published.map(d => ['face.meso', d.range.start.line + 1, d.range.start.character + 1, d.code, d.message])).toEqual(reported);
    }, 60_000);

    test('a formulary outside the project folder is refused by both, saying why, at its entry in the editor', async () => {
        const folder = project('outside', '../shared/formulary.meso');
        mkdirSync(join(dir, 'shared'));
        writeFileSync(join(dir, 'shared/formulary.meso'), FORMULARY);
        const cli = run(process.execPath, [cliPath, 'check'], { cwd: folder });
        expect(cli.code).toBe(2);
        const reason = /cannot read the file: (.*)\.\n$/.exec(cli.err)?.[1];
        expect(reason).toContain(`is outside the project folder ${folder}`);
        const problems = await withServer(folder, async (_client, _uri, config) => (await config).diagnostics);
        expect(problems.map(d => [d.code, d.range.start.line, d.range.start.character, d.message])).toEqual([
            ['config-invalid', 1, 18, `The formulary '../shared/formulary.meso' cannot be read: ${reason}.`]
        ]);
    }, 60_000);

    test('a configuration above the workspace folder, up to the repository root, applies in the editor as in meso check', async () => {
        const repo = join(dir, 'repo');
        mkdirSync(join(repo, '.git'), { recursive: true });
        mkdirSync(join(repo, 'proj'));
        writeFileSync(join(repo, 'meso.config.json'), '{ "severities": { "unused": "error" } }\n');
        const text = PROTOCOL.replace('    session s', '    mixture spare { saline 1 mL }\n    session s');
        writeFileSync(join(repo, 'proj/face.meso'), text);
        const folder = join(repo, 'proj');
        const cli = run(process.execPath, [cliPath, 'check', '--format', 'json'], { cwd: folder });
        const reported = (JSON.parse(cli.out) as Array<{ code: string; severity: string; line: number }>).map(d => [d.code, d.severity, d.line]);
        expect(reported).toEqual([['unresolved-name', 'error', 3], ['unused', 'error', 5]]);
        const published = await withServer(folder, async (client, uri) => {
            await client.request('workspace/symbol', { query: 'zinc_face' });
            const face = client.nextDiagnostics(uri('face.meso')) as Promise<Published>;
            client.notify('textDocument/didOpen', { textDocument: { uri: uri('face.meso'), languageId: 'meso', version: 1, text } });
            return (await face).diagnostics;
        });
        expect(published.map(d => [d.code, ['', 'error', 'warning', 'info'][d.severity ?? 0], d.range.start.line + 1])).toEqual(reported);
    }, 60_000);
});
