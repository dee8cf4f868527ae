import { AstUtils } from 'langium';
import { afterEach, describe, expect, test } from 'vitest';
import { isConcentrationClause, isInteraction, isLimit, isMaxAmountClause, isMaxSessionsClause, isMinIntervalClause, isSubstance, type Model } from '../../src/language/generated/ast.js';
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

describe('std library', () => {
    test('parses, links and validates without any error or warning', async () => {
        const docs = await stdDocuments();
        expect(docs.length).toBeGreaterThan(0);
        const problems = docs.flatMap(d => (d.diagnostics ?? []).filter(x => x.severity === 1 || x.severity === 2)
            .map(x => `${d.uri.path}:${x.range.start.line + 1}: ${x.message}`));
        expect(problems).toEqual([]);
    });

    test('every figure carries a source', async () => {
        const docs = await stdDocuments();
        const missing: string[] = [];
        for (const doc of docs) {
            for (const node of AstUtils.streamAst(doc.parseResult.value as Model)) {
                const figure = isConcentrationClause(node) || isMaxAmountClause(node) || isMaxSessionsClause(node) || isMinIntervalClause(node);
                if (figure && !provenanceOf(node).source) missing.push(`${doc.uri.path}: ${node.$container.name} ${node.$type}`);
                if ((isLimit(node) || isInteraction(node)) && !node.source) missing.push(`${doc.uri.path}: ${node.$cstNode?.text}`);
                if (isSubstance(node) && node.clauses.length === 0) missing.push(`${doc.uri.path}: ${node.name} has no clauses`);
            }
        }
        expect(missing).toEqual([]);
    });
});
