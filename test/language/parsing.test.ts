import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { isProtocol, isSubstance, isPatient } from '../../src/language/generated/ast.js';
import { buildFile, createTestServices, model, reset } from '../helpers/services.js';

const services = createTestServices();
afterEach(() => reset(services));

const referenceDir = join(import.meta.dirname, '../fixtures/reference');

describe('parsing the language reference examples', () => {
    test.each(readdirSync(referenceDir).filter(f => f.endsWith('.meso')))('%s parses with no lexer or parser error', async file => {
        const doc = await buildFile(services, readFileSync(join(referenceDir, file), 'utf8'), file);
        expect(doc.parseResult.lexerErrors).toEqual([]);
        expect(doc.parseResult.parserErrors.map(e => `${e.token.startLine}: ${e.message}`)).toEqual([]);
    });
});

describe('syntax details', () => {
    test('quantities with and without a space, gauges both ways', async () => {
        const doc = await buildFile(services, `protocol p {
    mixture m { saline 0.2mL }
    technique a { needle 30G 4mm }
    technique b { needle 27 G 13 mm }
}`);
        expect(doc.parseResult.parserErrors).toEqual([]);
        const p = model(doc).elements.find(isProtocol)!;
        expect(p.members.map(m => m.$type)).toEqual(['Mixture', 'Technique', 'Technique']);
    });

    test('an ampoule presentation and a percent concentration', async () => {
        const doc = await buildFile(services, `substance k { concentration 100 mg / 2 mL }
substance l { concentration 2 % }`);
        expect(doc.parseResult.parserErrors).toEqual([]);
        const [k, l] = model(doc).elements.filter(isSubstance);
        expect(k.clauses[0]).toMatchObject({ $type: 'ConcentrationClause', value: { value: '100' }, per: { value: '2' } });
        expect(l.clauses[0]).toMatchObject({ value: { value: '2', unit: { percent: true } } });
    });

    test('a doc comment attaches to the declaration', async () => {
        const doc = await buildFile(services, `/** Kept for hover. */\nsubstance k { concentration 10 mg/mL }`);
        const k = model(doc).elements.find(isSubstance)!;
        expect(services.documentation.CommentProvider.getComment(k)).toBe('/** Kept for hover. */');
    });

    test('multi-word limit metrics keep their spaces', async () => {
        const doc = await buildFile(services, `limit volume per point <= 0.3 mL\nlimit active substances per mixture <= 3: error`);
        expect(model(doc).elements.map(e => 'metric' in e ? e.metric : '')).toEqual(['volume per point', 'active substances per mixture']);
    });

    test('a patient with a dated skin test and a plan start', async () => {
        const doc = await buildFile(services, `patient p { weight 60 kg skin test on 2026-01-02 negative }`);
        expect(doc.parseResult.parserErrors).toEqual([]);
        expect(model(doc).elements.find(isPatient)!.facts[1]).toMatchObject({ date: '2026-01-02', result: 'negative' });
    });

    test('a syntax error is reported with its line, not thrown', async () => {
        const doc = await buildFile(services, `protocol p {\n  mixture m { lidocaine }\n}`);
        expect(doc.parseResult.parserErrors.length).toBeGreaterThan(0);
        expect(doc.parseResult.parserErrors[0].token.startLine).toBe(2);
    });
});
