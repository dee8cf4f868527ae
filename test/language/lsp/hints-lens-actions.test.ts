import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic } from 'vscode-languageserver';
import { afterEach, describe, expect, test } from 'vitest';
import { buildFile, buildFiles, createTestServices, reset } from '../../helpers.js';
import { PROTOCOL, positionOf } from './lsp-helpers.js';

const services = createTestServices();
afterEach(() => reset(services));

const whole = { start: { line: 0, character: 0 }, end: { line: 1000, character: 0 } };

describe('inlay hints', () => {
    test('the amount next to each component given by volume, and the days of each phase', async () => {
        const doc = await buildFile(services, PROTOCOL);
        const hints = await services.lsp.InlayHintProvider!.getInlayHints(doc, { textDocument: { uri: doc.uri.toString() }, range: whole });
        const labels = hints!.map(h => `${h.position.line + 1}:${h.label as string}`);
        expect(labels).toEqual([
            '6:= 20 mg/session', '7:= 20 mg/session',
            '20:days 0, 4', '21:days 11, 18, 25, 32, 39, 46', '22:days 76, 106, 136']);
        expect(hints![0].position).toEqual({ line: 5, character: 22 });
    });
});

describe('code lens', () => {
    test('sessions, duration, compile and preview on each protocol', async () => {
        const doc = await buildFile(services, PROTOCOL);
        const lenses = await services.lsp.CodeLensProvider!.provideCodeLens(doc, { textDocument: { uri: doc.uri.toString() } });
        expect(lenses!.map(l => l.command?.title)).toEqual(['8 sessions + 3 maintenance · 136 days', 'Compile to JSON', 'Preview']);
        expect(lenses![1].command).toMatchObject({ command: 'meso.compileToJson', arguments: [doc.uri.toString(), 'low_back_pain'] });
    });
});

async function actionsFor(text: string, code: string, files: Record<string, string> = {}) {
    const docs = await buildFiles(services, { ...files, 'main.meso': text });
    const doc = docs['main.meso'];
    const diagnostics = doc.diagnostics!.filter(d => d.code === code) as Diagnostic[];
    expect(diagnostics.length, `no ${code} in: ${doc.diagnostics!.map(d => d.code).join(', ')}`).toBeGreaterThan(0);
    const actions = await services.lsp.CodeActionProvider!.getCodeActions(doc, { textDocument: { uri: doc.uri.toString() }, range: diagnostics[0].range, context: { diagnostics } });
    return { doc, actions: (actions ?? []) as CodeAction[] };
}

function apply(text: string, action: CodeAction): string {
    const edits = Object.values(action.edit!.changes!)[0];
    return TextDocument.applyEdits(TextDocument.create('file:///x', 'meso', 1, text), edits);
}

const OVER = `protocol p {
    indication pain
    skin test 2 days before first session
    mixture m { piroxicam 2 mL }
    session s { inject m }
    schedule { phase a: 1 session of s every 7 days }
}`;

describe('quick fixes', () => {
    test('lower a component to the largest allowed volume', async () => {
        const { actions } = await actionsFor(OVER, 'overdose-session');
        expect(actions.map(a => a.title)).toEqual(["Lower 'piroxicam' to 1 mL (the largest volume within the cap)"]);
        expect(apply(OVER, actions[0])).toContain('mixture m { piroxicam 1 mL }');
    });

    test('add the missing skin test line', async () => {
        const text = OVER.replace('    skin test 2 days before first session\n', '').replace('piroxicam 2 mL', 'piroxicam 1 mL');
        const { actions } = await actionsFor(text, 'missing-skin-test');
        const add = actions.find(a => a.title === "Add 'skin test 2 days before first session'")!;
        expect(apply(text, add).split('\n')[1]).toBe('    skin test 2 days before first session');
    });

    test('declare a missing patients from', async () => {
        const text = OVER.replace('piroxicam 2 mL', 'lidocaine 1 mL');
        const { actions } = await actionsFor(text, 'weight-unknown');
        expect(apply(text, actions[0]).split('\n')[1]).toBe('    patients from 50 kg');
    });

    test('replace a misspelt name with the nearest one', async () => {
        const text = OVER.replace('piroxicam 2 mL', 'piroxicm 1 mL');
        const { actions } = await actionsFor(text, 'unresolved-name');
        expect(actions[0].title).toBe("Change to 'piroxicam'");
        expect(apply(text, actions[0])).toContain('piroxicam 1 mL');
    });

    test('add an import for a name declared in another workspace file', async () => {
        const text = OVER.replace('piroxicam 2 mL', 'housemix 1 mL');
        const { actions } = await actionsFor(text, 'unresolved-name', { 'lib/house.meso': 'substance housemix { source "clinic" }' });
        expect(actions.map(a => a.title)).toContain("Import 'lib/house.meso' (declares 'housemix')");
        expect(apply(text, actions.find(a => a.title.startsWith('Import'))!).startsWith('import "lib/house.meso"\n\nprotocol p {')).toBe(true);
    });

    test('accept a suppressible warning with a meso-ignore placeholder; never for a dose error', async () => {
        const text = OVER.replace('piroxicam 2 mL', 'saline 5 mL').replace('session s { inject m }', 'technique t { 0.5 mL per point  2 points }\n    session s { inject m using t }');
        const { actions } = await actionsFor(text, 'volume-per-point');
        const ignore = actions.find(a => a.title === "Accept 'volume-per-point' here with a reason (meso-ignore)")!;
        expect(apply(text, ignore)).toContain('    // meso-ignore volume-per-point: <reason: who decided and why>\n    technique t {');
    });

    test('no meso-ignore offer for a dose error', async () => {
        const dose = await actionsFor(OVER, 'overdose-session');
        expect(dose.actions.some(a => a.title.includes('meso-ignore'))).toBe(false);
    });

    test('a patient without a skin test gets one dated two days before the start', async () => {
        const text = `import "lib.meso"\npatient x {\n    weight 70 kg\n    follows p from 2026-03-10\n}`;
        const { actions } = await actionsFor(text, 'missing-skin-test', { 'lib.meso': OVER.replace('piroxicam 2 mL', 'piroxicam 1 mL') });
        expect(apply(text, actions[0])).toContain('    skin test on 2026-03-08 negative\n    follows p from 2026-03-10');
    });
});

describe('rename', () => {
    test('renames a mixture and its uses', async () => {
        const doc = await buildFile(services, PROTOCOL);
        const edit = await services.lsp.RenameProvider!.rename(doc, { textDocument: { uri: doc.uri.toString() }, position: positionOf(doc, 'antalgic'), newName: 'pain_mix' });
        const edits = edit!.changes![doc.uri.toString()];
        expect(edits).toHaveLength(2);
        expect(edits.every(e => e.newText === 'pain_mix')).toBe(true);
    });

    test('refuses std names and keywords', async () => {
        const doc = await buildFile(services, PROTOCOL);
        const at = (marker: string) => ({ textDocument: { uri: doc.uri.toString() }, position: positionOf(doc, marker) });
        await expect(Promise.resolve().then(() => services.lsp.RenameProvider!.prepareRename(doc, at('lidocaine')))).rejects.toThrow(/declared in the std library/);
        await expect(services.lsp.RenameProvider!.rename(doc, { ...at('antalgic'), newName: 'session' })).rejects.toThrow(/keyword/);
        await expect(services.lsp.RenameProvider!.rename(doc, { ...at('antalgic'), newName: '2mix' })).rejects.toThrow(/not a valid name/);
    });
});

describe('structure', () => {
    test('document symbols outline protocols and their members', async () => {
        const doc = await buildFile(services, PROTOCOL);
        const symbols = await services.lsp.DocumentSymbolProvider!.getSymbols(doc, { textDocument: { uri: doc.uri.toString() } });
        expect(symbols.map(s => s.name)).toEqual(['low_back_pain']);
        expect(symbols[0].children!.map(s => s.name)).toEqual(['antalgic', 'paravertebral', 'standard', 'attack', 'treatment']);
    });

    test('semantic tokens mark std references as defaultLibrary, local ones not', async () => {
        const doc = await buildFile(services, PROTOCOL);
        const provider = services.lsp.SemanticTokenProvider!;
        const tokens = await provider.semanticHighlight(doc, { textDocument: { uri: doc.uri.toString() } });
        const legend = provider.semanticTokensOptions.legend;
        // Decode the LSP relative encoding: [deltaLine, deltaStart, length, type, modifiers].
        const decoded: Array<{ text: string; type: string; modifiers: string[] }> = [];
        let line = 0;
        let start = 0;
        for (let i = 0; i < tokens.data.length; i += 5) {
            const [dl, ds, length, type, mods] = tokens.data.slice(i, i + 5);
            line += dl;
            start = dl === 0 ? start + ds : ds;
            decoded.push({
                text: doc.textDocument.getText({ start: { line, character: start }, end: { line, character: start + length } }),
                type: legend.tokenTypes[type],
                modifiers: legend.tokenModifiers.filter((_, bit) => (mods & (1 << bit)) !== 0)
            });
        }
        expect(decoded.find(t => t.text === 'lidocaine')).toEqual({ text: 'lidocaine', type: 'function', modifiers: ['defaultLibrary'] });
        expect(decoded.find(t => t.text === 'IDS')).toEqual({ text: 'IDS', type: 'enum', modifiers: ['defaultLibrary'] });
        expect(decoded.filter(t => t.text === 'antalgic').map(t => [t.type, t.modifiers])).toEqual([['struct', ['declaration']], ['struct', []]]);
    });

    test('go to definition of a std substance lands in the std document', async () => {
        const doc = await buildFile(services, PROTOCOL);
        const links = await services.lsp.DefinitionProvider!.getDefinition(doc, { textDocument: { uri: doc.uri.toString() }, position: positionOf(doc, 'piroxicam') });
        expect(links![0].targetUri).toBe('meso-std:/nsaids.meso');
    });
});
