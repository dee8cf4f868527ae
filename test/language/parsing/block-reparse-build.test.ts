import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AstUtils, CstUtils, isLeafCstNode, URI, type LangiumDocument, type RootCstNode } from 'langium';
import { afterEach, describe, expect, test } from 'vitest';
import { astNodesOf } from '../../../src/language/ast-walk.js';
import { compileDocument } from '../../../src/compiler/compile-document.js';
import { hasCstFields, reparseBlock } from '../../../src/language/parsing/block-reparse.js';
import type { MesoServices } from '../../../src/language/meso-module.js';
import { buildFiles, createTestServices, editDocument, reset } from '../../helpers/services.js';

const examples = join(import.meta.dirname, '../../../examples');
const FORMULARY = readFileSync(join(examples, 'clinic-formulary.meso'), 'utf8');
const PROTOCOL = readFileSync(join(examples, 'low-back-pain.meso'), 'utf8');

const services = createTestServices();
afterEach(() => reset(services));

const uri = URI.parse('file:///ws/p.meso');

/** Gives the protocol new text and rebuilds it the way the language server does on an edit. */
const edit = (text: string) => editDocument(services, uri, text);

function diagnosticsOf(doc: LangiumDocument): string[] {
    return (doc.diagnostics ?? []).map(d => `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${String(d.code)} ${d.message}`).sort();
}

/** The JSON the compiler makes of a document (whatever its diagnostics). */
function compiled(of: MesoServices, doc: LangiumDocument): string[] {
    const diagnostics = (uri: string) => of.shared.workspace.LangiumDocuments.getDocument(URI.parse(uri))?.diagnostics ?? [];
    return compileDocument(of, doc, diagnostics).map(o => o.text);
}

/** The diagnostics and compiled JSON of the same text built from scratch, in services of their own. */
async function fresh(text: string): Promise<{ diagnostics: string[]; json: string[] }> {
    const own = createTestServices();
    const docs = await buildFiles(own, { 'clinic-formulary.meso': FORMULARY, 'p.meso': text });
    return { diagnostics: diagnosticsOf(docs['p.meso']), json: compiled(own, docs['p.meso']) };
}

async function freshDiagnostics(text: string): Promise<string[]> {
    return (await fresh(text)).diagnostics;
}

const replace = (text: string, from: string, to: string) => {
    expect(text, `'${from}' is in the text`).toContain(from);
    return text.replace(from, to);
};

describe('an edit inside one block re-parses only that block', () => {
    test('each edit keeps the tree, and the diagnostics equal a build from scratch', async () => {
        const docs = await buildFiles(services, { 'clinic-formulary.meso': FORMULARY, 'p.meso': PROTOCOL });
        const doc = docs['p.meso'];
        const root = doc.parseResult.value;
        expect(diagnosticsOf(doc)).toEqual([]);

        const steps: Array<[string, (t: string) => string]> = [
            // 30x the points: the dose caps are passed.
            ['points', t => replace(t, '20 points', '600 points')],
            // A line more in the first block: every later diagnostic moves down a line.
            ['component', t => replace(t, '        saline 2 mL\n', '        saline 2 mL\n        lidocaine 1 mL\n')],
            // A name that does not resolve, then a longer one that does.
            ['unresolved', t => replace(t, 'inject antalgic using paravertebral', 'inject antalgicx using paravertebral')],
            ['resolved', t => replace(t, 'inject antalgicx using paravertebral', 'inject antalgic using paravertebral')],
            // Columns move on the line of the edit: the duration on the same line as a changed name.
            ['same line', t => replace(t, '    session standard {\n        inject', '    session standard { inject')],
            ['schedule', t => replace(t, '2 sessions of standard every 4 days', '12 sessions of standard every 1 days')]
        ];
        let text = PROTOCOL;
        for (const [name, change] of steps) {
            text = change(text);
            await edit(text);
            expect(doc.parseResult.value, `${name}: the block path kept the tree`).toBe(root);
            // The shared node list was patched, not recomputed: it must still be the tree's.
            const walked = AstUtils.streamAst(root).toArray();
            const listed = astNodesOf(root);
            expect(listed.length, name).toBe(walked.length);
            expect(listed.every((node, i) => node === walked[i]), `${name}: node list in tree order`).toBe(true);
            const expected = await fresh(text);
            expect(diagnosticsOf(doc), name).toEqual(expected.diagnostics);
            // The doses, schedule and totals written to JSON too (kept facts included).
            expect(expected.json.length, 'the protocol compiles').toBe(1);
            expect(compiled(services, doc), `${name}: compiled JSON`).toEqual(expected.json);
        }
        expect(diagnosticsOf(doc).length, 'the edits made diagnostics to compare').toBeGreaterThan(3);
    });

    test('an edit of an imported file reaches the facts kept for the protocol\'s unchanged blocks', async () => {
        const lib = (strength: number) => `substance foo { concentration ${strength} mg/mL  max 100 mg per session source "test" }`;
        const protocol = 'import "lib.meso"\nprotocol p {\n    mixture m { foo 2 mL }\n    session s { inject m }\n    schedule { phase a: 2 sessions of s every 7 days }\n}\n';
        const docs = await buildFiles(services, { 'lib.meso': lib(10), 'p.meso': protocol });
        expect(diagnosticsOf(docs['p.meso']).filter(d => d.includes('overdose'))).toEqual([]);
        // An edit in the protocol first, so that its blocks' facts are the kept ones.
        await edit(protocol.replace('foo 2 mL', 'foo 3 mL'));
        await editDocument(services, URI.parse('file:///ws/lib.meso'), lib(100));
        const fresh = await buildFiles(createTestServices(), { 'lib.meso': lib(100), 'p.meso': protocol.replace('foo 2 mL', 'foo 3 mL') });
        expect(diagnosticsOf(docs['p.meso'])).toEqual(diagnosticsOf(fresh['p.meso']));
        expect(diagnosticsOf(docs['p.meso']).filter(d => d.includes('overdose')).length, '300 mg of foo per session').toBe(1);
    });

    test('an edit that breaks the file parses it all, and so does the edit that mends it', async () => {
        const docs = await buildFiles(services, { 'clinic-formulary.meso': FORMULARY, 'p.meso': PROTOCOL });
        const doc = docs['p.meso'];
        const broken = replace(PROTOCOL, '20 points', '20 points }');
        await edit(broken);
        const brokenRoot = doc.parseResult.value;
        expect(diagnosticsOf(doc)).toEqual(await freshDiagnostics(broken));
        expect(doc.parseResult.parserErrors.length).toBeGreaterThan(0);
        await edit(PROTOCOL);
        expect(doc.parseResult.value).not.toBe(brokenRoot);
        expect(diagnosticsOf(doc)).toEqual([]);
        // Clean again: the next edit takes the block path.
        const mended = doc.parseResult.value;
        await edit(replace(PROTOCOL, '20 points', '21 points'));
        expect(doc.parseResult.value).toBe(mended);
    });
});

/**
 * What a Langium release that renamed a leaf's private position field would look like: the
 * public getters still work, the field the block re-parse writes (`_startLine`) is gone.
 */
function renameLeafField(root: RootCstNode): void {
    for (const node of CstUtils.streamCst(root)) {
        if (!isLeafCstNode(node)) continue;
        const fields = node as unknown as Record<string, unknown>;
        const line = fields._startLine;
        delete fields._startLine;
        fields._line = line;
        const range = node.range;
        Object.defineProperty(node, 'range', { get: () => ({ start: { line: fields._line as number, character: range.start.character }, end: range.end }) });
    }
}

describe('the block re-parse checks the private CST fields it writes', () => {
    test('a parse of this Langium has them', async () => {
        const doc = (await buildFiles(services, { 'clinic-formulary.meso': FORMULARY, 'p.meso': PROTOCOL }))['p.meso'];
        expect(hasCstFields(doc.parseResult.value.$cstNode as RootCstNode)).toBe(true);
        const empty = services.parser.LangiumParser.parse('');
        expect(hasCstFields(empty.value.$cstNode as RootCstNode)).toBe(true);
    });

    test('without them, an edit inside a block parses the whole file and gives what a build from scratch gives', async () => {
        const doc = (await buildFiles(services, { 'clinic-formulary.meso': FORMULARY, 'p.meso': PROTOCOL }))['p.meso'];
        const root = doc.parseResult.value;
        renameLeafField(root.$cstNode as RootCstNode);
        expect(hasCstFields(root.$cstNode as RootCstNode)).toBe(false);
        const text = replace(PROTOCOL, '20 points', '600 points');
        expect(reparseBlock(services.parser.LangiumParser, doc.parseResult, text)).toBeUndefined();
        await edit(text);
        expect(doc.parseResult.value, 'a full parse made a new tree').not.toBe(root);
        expect(hasCstFields(doc.parseResult.value.$cstNode as RootCstNode)).toBe(true);
        const expected = await fresh(text);
        expect(diagnosticsOf(doc)).toEqual(expected.diagnostics);
        expect(diagnosticsOf(doc).some(d => d.includes('overdose-session')), '600 points are an overdose').toBe(true);
        expect(compiled(services, doc)).toEqual(expected.json);
    });
});
