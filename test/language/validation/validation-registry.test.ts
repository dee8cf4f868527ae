import { AstUtils } from 'langium';
import { afterEach, describe, expect, test } from 'vitest';
import { astNodesOf, forEachReference } from '../../../src/language/ast-walk.js';
import type { MesoAstType } from '../../../src/language/generated/ast.js';
import type { MesoValidationRegistry } from '../../../src/language/validation/meso-validation-registry.js';
import { buildFile, createTestServices, reset } from '../../helpers/services.js';

const services = createTestServices();
afterEach(() => reset(services));

const protocol = `protocol p {
    indication pain
    skin test 2 days before first session
    mixture m { piroxicam 1 mL  lidocaine 1 mL }
    technique t { 0.2 mL per point  5 points }
    session s { inject m using t }
    schedule { phase a: 2 sessions of s every 7 days }
}`;

describe('the plain-loop AST walks', () => {
    test('visit the nodes in the order of AstUtils.streamAst', async () => {
        const root = (await buildFile(services, protocol)).parseResult.value;
        const expected = AstUtils.streamAst(root).toArray();
        expect(expected.length).toBeGreaterThan(20);
        expect(astNodesOf(root)).toEqual(expected);
        expect(astNodesOf(root).slice(1)).toEqual(AstUtils.streamAllContents(root).toArray());
        // Computed once per tree.
        expect(astNodesOf(root)).toBe(astNodesOf(root));
    });

    test('find the references of AstUtils.streamReferences', async () => {
        const root = (await buildFile(services, protocol)).parseResult.value;
        const seen = (walk: (add: (r: unknown) => void) => void) => { const out: unknown[] = []; walk(r => out.push(r)); return out; };
        const expected = seen(add => AstUtils.streamAst(root).forEach(n => AstUtils.streamReferences(n).forEach(add)));
        expect(expected.length).toBe(5);
        expect(seen(add => astNodesOf(root).forEach(n => forEachReference(n, add)))).toEqual(expected);
    });
});

describe('the validation registry', () => {
    test('a check that throws or rejects becomes an error on its node, and the other checks still run', async () => {
        const registry = services.validation.ValidationRegistry as MesoValidationRegistry;
        const fresh = createTestServices();
        const freshRegistry = fresh.validation.ValidationRegistry as MesoValidationRegistry;
        const before = freshRegistry.checksOf('Mixture').length;
        freshRegistry.register<MesoAstType>({
            Mixture: [
                () => { throw new Error('boom'); },
                () => Promise.reject(new Error('late boom'))
            ]
        });
        // Registering invalidates the cached check arrays.
        expect(freshRegistry.checksOf('Mixture').length).toBe(before + 2);
        expect(registry.checksOf('Mixture').length).toBe(before);
        const errors = console.error;
        console.error = () => undefined;
        try {
            const doc = await buildFile(fresh, protocol);
            const messages = doc.diagnostics!.filter(d => d.severity === 1).map(d => `${d.range.start.line}:${d.message}`);
            expect(messages).toEqual([
                '3:An error occurred during validation: boom',
                '3:An error occurred during validation: late boom'
            ]);
        } finally {
            console.error = errors;
        }
    });
});
