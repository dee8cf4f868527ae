import { DefaultDocumentValidator, type AstNode, type ValidateSingleNodeOptions, type ValidationAcceptor, type ValidationOptions } from 'langium';
import { afterEach, describe, expect, test } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver-types';
import { MesoDocumentValidator } from '../../../src/language/validation/meso-document-validator.js';
import { corpus } from '../../helpers/corpus.js';
import { buildFile, buildFiles, createTestServices, reset } from '../../helpers/services.js';

const services = createTestServices();
afterEach(() => reset(services));

const protocol = `protocol p {
    indication pain
    patients from 60 kg
    skin test 2 days before first session
    mixture m { piroxicam 2 mL  saline 1 mL }
    technique t { 0.5 mL per point  4 points }
    session s { inject m using t  duration 10 minn }
    schedule { phase a: 1 session of s every 7 days }
}`;

const summary = (ds: Diagnostic[]) => ds.map(d => `${d.range.start.line}:${d.range.start.character} ${String(d.code)} ${d.message}`).sort();

/** Meso's validator, but with Langium's own per-node loop (streams, an await per check). */
class LangiumLoopValidator extends MesoDocumentValidator {
    protected override validateAstNodes(rootNode: AstNode, options: ValidationOptions, acceptor: ValidationAcceptor, cancelToken?: never): Promise<void> {
        return DefaultDocumentValidator.prototype['validateAstNodes'].call(this, rootNode, options, acceptor, cancelToken);
    }
}

describe('the validator\'s plain node loop', () => {
    test('gives what Langium\'s own loop gives, on every example and fixture', async () => {
        const docs = await buildFiles(services, Object.fromEntries(corpus.map(f => [f.path, f.text])));
        const langium = new LangiumLoopValidator(services);
        let compared = 0;
        for (const [name, doc] of Object.entries(docs)) {
            const expected = summary(await langium.validateDocument(doc));
            expect(summary(doc.diagnostics ?? []), name).toEqual(expected);
            compared += expected.length;
        }
        expect(compared, 'the corpus has diagnostics to compare').toBeGreaterThan(50);
    });

    test('honours validateSingleNodeOptions: a node skipped, or its subtree pruned', async () => {
        const doc = await buildFile(services, protocol);
        const codes = async (v: MesoDocumentValidator) => summary(await v.validateDocument(doc)).map(d => d.split(' ')[1]).sort();
        expect(summary(doc.diagnostics!).map(d => d.split(' ')[1]).sort()).toEqual(['overdose-session', 'unknown-unit', 'volume-per-point']);
        class Pruning extends MesoDocumentValidator {
            constructor(private readonly options: (node: AstNode) => ValidateSingleNodeOptions) { super(services); }
            protected override validateSingleNodeOptions(node: AstNode): ValidateSingleNodeOptions { return this.options(node); }
        }
        // The quantities skipped: the unit check (on a quantity) goes, the protocol's checks stay.
        expect(await codes(new Pruning(n => ({ validateNode: n.$type !== 'Quantity', validateChildren: true })))).toEqual(['overdose-session', 'volume-per-point']);
        // The protocol skipped but not its children: only the unit check is left.
        expect(await codes(new Pruning(n => ({ validateNode: n.$type !== 'Protocol', validateChildren: true })))).toEqual(['unknown-unit']);
        // The protocol validated, its children pruned (all of its subtree): the unit check goes.
        expect(await codes(new Pruning(n => ({ validateNode: true, validateChildren: n.$type !== 'Protocol' })))).toEqual(['overdose-session', 'volume-per-point']);
    });
});
