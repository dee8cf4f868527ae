import { AstUtils, type AstNode } from 'langium';
import { afterEach, describe, expect, test } from 'vitest';
import {
    isConcentrationClause, isContraindicatedClause, isContraindication, isIntendedLayerClause, isInteraction, isLayer, isLimit,
    isMaxAmountClause, isMaxConsecutiveClause, isMaxCourseClause, isMaxPointsClause, isMaxSessionsClause, isMinIntervalClause,
    isMixingClause, isProfile, isRequirement, isSkinTestClause, isSubstance, isSubstanceClass, isWithdrawnClause, type Model, type SubstanceClause
} from '../../src/language/generated/ast.js';
import { provenanceOf } from '../../src/language/semantics/library.js';
import { isStdUri } from '../../src/language/std/std-library.js';
import { createTestServices, reset } from '../helpers/services.js';

const services = createTestServices();
afterEach(() => reset(services));

async function stdDocuments() {
    const docs = services.shared.workspace.LangiumDocuments.all.filter(d => isStdUri(d.uri)).toArray();
    await services.shared.workspace.DocumentBuilder.build(docs, { validation: true });
    return docs;
}

/** Clauses that state a figure or a rule a diagnostic can cite. */
function isFigure(node: AstNode): node is SubstanceClause {
    return isConcentrationClause(node) || isMaxAmountClause(node) || isMaxSessionsClause(node) || isMinIntervalClause(node)
        || isMaxPointsClause(node) || isMaxConsecutiveClause(node) || isMaxCourseClause(node) || isContraindicatedClause(node)
        || isIntendedLayerClause(node) || isWithdrawnClause(node) || isSkinTestClause(node) || isMixingClause(node);
}

/**
 * Why a source is not a citation a clinician can look up, or undefined when it is one: it must
 * name a year and a URL, a DOI, a trial number or a DailyMed set id, and never a working file name, a tag of the
 * domain brief (E26, S0) or the brief itself.
 */
export function citationProblem(source: string): string | undefined {
    if (/\.txt\b/.test(source)) return 'names a working file';
    if (/(^|[\s(,;])[ES]\d{1,2}\b(?!-)/.test(source)) return 'cites a tag of the domain brief (E.., S..)';
    if (/\bbrief\b/i.test(source)) return 'cites the domain brief';
    if (/\bseed\b/i.test(source)) return 'cites a seed text';
    if (!/\b(19|20)\d{2}\b/.test(source)) return 'has no year';
    if (!/(https?:\/\/\S+|doi:10\.\S+|\bNCT\d{8}\b|DailyMed setid [0-9a-f-]{36})/.test(source)) return 'has no URL, DOI, trial number or DailyMed set id';
    return undefined;
}

describe('std library', () => {
    test('parses, links and validates without any error or warning', async () => {
        const docs = await stdDocuments();
        expect(docs.length).toBeGreaterThan(0);
        const problems = docs.flatMap(d => (d.diagnostics ?? []).filter(x => x.severity === 1 || x.severity === 2)
            .map(x => `${d.uri.path}:${x.range.start.line + 1}: ${x.message}`));
        expect(problems).toEqual([]);
    });

    test('every figure and rule carries a source in citation form and an evidence level', async () => {
        const docs = await stdDocuments();
        const missing: string[] = [];
        const check = (doc: string, what: string, source: string | undefined, evidence: string | undefined) => {
            if (!source) missing.push(`${doc}: ${what}: no source`);
            else {
                const problem = citationProblem(source);
                if (problem) missing.push(`${doc}: ${what}: source ${problem}: ${source.slice(0, 80)}`);
            }
            if (!evidence) missing.push(`${doc}: ${what}: no evidence level`);
        };
        for (const doc of docs) {
            for (const node of AstUtils.streamAst(doc.parseResult.value as Model)) {
                if (isFigure(node)) {
                    const p = provenanceOf(node);
                    check(doc.uri.path, `${node.$container.name} ${node.$cstNode?.text.split('\n')[0]}`, p.source, p.evidence);
                }
                if (isLimit(node) || isInteraction(node) || isContraindication(node) || isLayer(node) || isRequirement(node) || isProfile(node)) {
                    check(doc.uri.path, node.$cstNode?.text.split('\n')[0] ?? node.$type, node.source, node.evidence);
                }
                if (isSubstance(node) && node.clauses.length === 0) missing.push(`${doc.uri.path}: ${node.name} has no clauses`);
                if (isSubstance(node) || (isSubstanceClass(node) && node.clauses.length > 0)) {
                    // Every declared substance is sourced, even one with no figure.
                    const source = node.clauses.find(c => c.$type === 'SourceClause');
                    const hasOwnFigureSources = node.clauses.some(c => isFigure(c) && 'source' in c && c.source);
                    if (isSubstance(node) && !source && !hasOwnFigureSources) missing.push(`${doc.uri.path}: ${node.name} has no source`);
                }
            }
        }
        expect(missing).toEqual([]);
    });

    test('covers at least 50 substances, the products the published protocols name among them', async () => {
        const docs = await stdDocuments();
        const names = docs.flatMap(d => (d.parseResult.value as Model).elements.filter(isSubstance).map(s => s.name));
        expect(names.length).toBeGreaterThanOrEqual(50);
        for (const name of ['tranexamic_acid', 'dutasteride', 'finasteride', 'minoxidil', 'biotin', 'xantinol_nicotinate', 'pentoxifylline',
            'methylprednisolone', 'dexamethasone', 'triamcinolone', 'betamethasone', 'collagenase_cch', 'hyaluronic_acid', 'hyaluronic_acid_hybrid',
            'polynucleotides', 'phosphatidylcholine', 'deoxycholic_acid', 'glutathione', 'ascorbic_acid', 'pyridoxine', 'cyanocobalamin',
            'calcitonin', 'hyaluronidase', 'ketoprofen_lysine', 'tenoxicam', 'meloxicam', 'procaine', 'lidocaine', 'thiocolchicoside', 'paracetamol']) {
            expect(names, name).toContain(name);
        }
    });
});

describe('citation form', () => {
    test('refuses brief tags, working files, missing years and missing locators', () => {
        expect(citationProblem('E26: US label')).toBe('cites a tag of the domain brief (E.., S..)');
        expect(citationProblem('S0 (000_816345b273d025ae.txt)')).toBe('names a working file');
        expect(citationProblem('Brief C11 (weak)')).toBe('cites the domain brief');
        expect(citationProblem('Kybella label. https://www.drugs.com/dosage/kybella.html')).toBe('has no year');
        expect(citationProblem('Kybella label (Kythera, 2015)')).toBe('has no URL, DOI, trial number or DailyMed set id');
        expect(citationProblem('Arthritis Res Ther 2013;15(Suppl 3):S3. doi:10.1186/ar4175')).toBeUndefined();
        expect(citationProblem('label (2015), E33 [R]. https://x.org')).toBe('cites a tag of the domain brief (E.., S..)');
        expect(citationProblem('Kybella label (Kythera, 2015). https://www.drugs.com/dosage/kybella.html')).toBeUndefined();
        expect(citationProblem('Tringali G, Navarra P. eCAM 2017:8321325. doi:10.1155/2017/8321325')).toBeUndefined();
        expect(citationProblem('Trial registration ClinicalTrials.gov NCT01655108 (2012)')).toBeUndefined();
    });
});
