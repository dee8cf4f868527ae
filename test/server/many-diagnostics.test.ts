// A document with more problems than anyone reads (#20: 200,000 lexer errors published nothing
// within 60 s): the real server publishes at most 1,000 of them, the errors first and the
// earliest among equals, and one last diagnostic saying how many more there are.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver-types';
import { LspClient } from '../../scripts/lib/lsp-client.mjs';
import { serverPath } from '../helpers/lsp-session.js';

const dir = mkdtempSync(join(tmpdir(), 'meso-many-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// One overdose error and two warnings (line 3), then 1,500 characters the lexer refuses (line 7).
const PROTOCOL = `protocol many {
    indication pain
    mixture m { lidocaine 50 mL }
    session s { inject m }
    schedule { phase p: 3 sessions of s every 7 days }
}
${'§ '.repeat(1500)}
`;

describe('a document with thousands of problems', () => {
    test('is published capped at 1,000 diagnostics, errors first, with a last one counting the rest', async () => {
        const client = new LspClient(serverPath, { cwd: dir });
        try {
            await client.initialize(pathToFileURL(dir).toString());
            const uri = pathToFileURL(join(dir, 'many.meso')).toString();
            const published = client.nextDiagnostics(uri);
            client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'meso', version: 1, text: PROTOCOL } });
            const diagnostics = (await published).diagnostics as Diagnostic[];
            expect(diagnostics).toHaveLength(1001);
            const shown = diagnostics.slice(0, 1000);
            // The overdose error is shown, the two warnings are not; 999 of the 1,500 lexer errors are.
            expect(shown.filter(d => d.code === 'overdose-session').map(d => [d.severity, d.range.start.line])).toEqual([[1, 2]]);
            expect(shown.filter(d => d.severity !== 1)).toEqual([]);
            expect(shown.filter(d => d.range.start.line === 6)).toHaveLength(999);
            const last = diagnostics[1000];
            expect(last.message).toBe("503 more problems in this file not shown (the editor shows the first 1000; `meso check` lists them all).");
            expect([last.severity, last.range.start.line, last.range.start.character]).toEqual([1, 6, 999 * 2]);
        } finally {
            await client.shutdown();
        }
    }, 120_000);
});
