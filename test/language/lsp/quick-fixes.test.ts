import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic } from 'vscode-languageserver';
import { afterEach, describe, expect, test } from 'vitest';
import { buildFiles, createTestServices, reset } from '../../helpers/services.js';

const services = createTestServices();
afterEach(() => reset(services));

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

    test('add the missing skin test line, or record that none is needed', async () => {
        // A clinic policy asks every protocol for a skin test.
        const text = `${OVER.replace('    skin test 2 days before first session\n', '').replace('piroxicam 2 mL', 'piroxicam 1 mL')}\nrequire skin test`;
        const { actions } = await actionsFor(text, 'missing-skin-test');
        const add = actions.find(a => a.title === "Add 'skin test 2 days before first session'")!;
        expect(apply(text, add).split('\n')[1]).toBe('    skin test 2 days before first session');
        const none = actions.find(a => a.title === 'Record that no skin test is needed, with a reason')!;
        expect(apply(text, none).split('\n')[1]).toBe('    skin test not needed "<reason: who decided and why>"');
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
        const { actions } = await actionsFor(text, 'missing-skin-test', { 'lib.meso': `${OVER.replace('piroxicam 2 mL', 'piroxicam 1 mL')}\nrequire skin test` });
        expect(apply(text, actions[0])).toContain('    skin test on 2026-03-08 negative\n    follows p from 2026-03-10');
    });
});
