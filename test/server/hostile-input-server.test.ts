import { randomBytes } from 'node:crypto';
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { URI, type DefaultWorkspaceManager, type LangiumDocument } from 'langium';
import { describe, expect, test } from 'vitest';
import { createMesoServices, type MesoLspServices } from '../../src/language/lsp/lsp-module.js';
import { MesoNodeFileSystem, recordRefusalsIn } from '../../src/server/text-file-system.js';
import { tempDir } from '../helpers/compile.js';
import { OVERDOSE_PROTOCOL } from '../helpers/services.js';
import { exerciseFeatures } from '../helpers/lsp-features.js';

// The language server's services on a workspace of hostile files (read from disk as the
// server reads them): they load, and every editor feature keeps answering afterwards.

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

async function openWorkspace(folder: string): Promise<MesoLspServices> {
    const { shared, Meso } = createMesoServices(MesoNodeFileSystem);
    recordRefusalsIn(shared, Meso);
    // Validate every file, as `meso check` does (the server validates as files are opened).
    (shared.workspace.WorkspaceManager as DefaultWorkspaceManager).initialBuildOptions = { validation: true };
    shared.workspace.WorkspaceManager.initialize({ workspaceFolders: [{ uri: URI.file(folder).toString(), name: 'ws' }], capabilities: {}, processId: null, rootUri: null });
    await shared.workspace.WorkspaceManager.initializeWorkspace([{ uri: URI.file(folder).toString(), name: 'ws' }]);
    return Meso;
}

function documentAt(services: MesoLspServices, file: string): LangiumDocument {
    return services.shared.workspace.LangiumDocuments.getDocument(URI.file(file))!;
}

describe('the language server on hostile files', () => {
    test('BOM, binary, NUL, CRLF, odd names, odd imports and huge counts load; features keep answering', async () => {
        const ws = tempDir();
        const outside = tempDir();
        writeFileSync(join(outside, 'lib.meso'), 'substance outer { concentration 1 % source "x" }\n');
        mkdirSync(join(ws, 'sub.meso'));
        const files: Record<string, string | Buffer> = {
            'bom.meso': Buffer.concat([BOM, Buffer.from(OVERDOSE_PROTOCOL)]),
            'binary.meso': Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47]), randomBytes(2048)]),
            'nul.meso': 'protocol p {\0}\n',
            'crlf.meso': OVERDOSE_PROTOCOL.replace(/\n/g, '\r\n').replace(/protocol p/, 'protocol q'),
            'names.meso': 'substance __proto__ { concentration 1 % source "x" }\nsubstance constructor { aliases "toString" source "x" }\n',
            'imports.meso': `import "imports.meso"\nimport "sub.meso"\nimport "/etc/passwd"\nimport "${join(outside, 'lib.meso')}"\n`,
            'counts.meso': OVERDOSE_PROTOCOL.replace('protocol p', 'protocol r').replace('1 session of s', '99999999999999999999 sessions of s'),
            'empty.meso': ''
        };
        for (const [name, content] of Object.entries(files)) writeFileSync(join(ws, name), content);
        const services = await openWorkspace(ws);

        const at = (name: string) => documentAt(services, join(ws, name));
        const found = (name: string) => (at(name).diagnostics ?? []).map(d => [d.code, d.range.start.line, d.range.start.character]);
        // The BOM does not shift the overdose (line 5, column 27, 1-based).
        expect(found('bom.meso')).toEqual([['overdose-session', 4, 26]]);
        expect(found('crlf.meso')).toEqual([['overdose-session', 4, 26]]);
        // Not text: one not-text error where meso check puts it, not hundreds of syntax errors.
        expect(found('binary.meso')).toEqual([['not-text', 0, 0]]);
        expect(found('nul.meso')).toEqual([['not-text', 0, 12]]);
        expect(found('imports.meso').map(d => d[0])).toEqual(['import-unresolved', 'import-unresolved', 'import-unresolved']);
        expect((at('imports.meso').diagnostics ?? []).map(d => d.message)[2]).toContain('is outside the project folder');
        expect(found('counts.meso').map(d => d[0])).toContain('invalid-number');

        const failures: string[] = [];
        for (const name of Object.keys(files)) failures.push(...await exerciseFeatures(services, at(name)));
        expect(failures).toEqual([]);

        // Still serving: hover on the overdosed component after all of the above.
        const bom = at('bom.meso');
        const hover = await services.lsp.HoverProvider!.getHoverContent(bom, { textDocument: { uri: bom.uri.toString() }, position: { line: 4, character: 18 } });
        expect(JSON.stringify(hover)).toContain('piroxicam');
    }, 60_000);
});
