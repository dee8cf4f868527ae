import { Fraction } from 'fraction.js';
import { describe, expect, test } from 'vitest';
import { formatAmount, toAmount } from '../../../src/language/units/quantity.js';
import { lookupUnit } from '../../../src/language/units/unit-table.js';

const q = (value: string, name?: string, per?: string) => ({ value, unit: { symbol: name, per, percent: name === '%' } });

describe('unit spellings', () => {
    test.each([
        ['mg', 'mass', '1'], ['g', 'mass', '1000'], ['mcg', 'mass', '0.001'], ['ug', 'mass', '0.001'], ['\u00B5g', 'mass', '0.001'],
        ['mL', 'volume', '1'], ['ml', 'volume', '1'], ['cc', 'volume', '1'], ['L', 'volume', '1000'],
        ['mm', 'length', '1'], ['cm', 'length', '10'], ['kg', 'body-weight', '1'],
        ['mg/mL', 'concentration', '1'], ['g/L', 'concentration', '1'], ['%', 'concentration', '10'],
        ['IU', 'activity', '1'], ['IU/mL', 'activity-concentration', '1'], ['mg/kg', 'dose-per-weight', '1'],
        ['day', 'time', '1'], ['days', 'time', '1'], ['d', 'time', '1'], ['week', 'time', '7'], ['weeks', 'time', '7'], ['wk', 'time', '7'],
        // As labels and papers print them (issue 13, item 9).
        ['\u00B5l', 'volume', '0.001'], ['ul', 'volume', '0.001'], ['mcl', 'volume', '0.001'],
        ['mcg/mL', 'concentration', '0.001'], ['ug/mL', 'concentration', '0.001'], ['\u00B5g/mL', 'concentration', '0.001']
    ])('%s is %s, factor %s', (spelling, dimension, factor) => {
        const spec = lookupUnit(spelling);
        expect(spec?.dimension).toBe(dimension);
        expect(spec?.factor.toString()).toBe(factor);
    });

    test('min and h are fractions of a day, exactly, also spelt out', () => {
        for (const m of ['min', 'minute', 'minutes']) expect(lookupUnit(m)?.factor.equals(new Fraction(1, 1440)), m).toBe(true);
        for (const h of ['h', 'hour', 'hours']) expect(lookupUnit(h)?.factor.equals(new Fraction(1, 24)), h).toBe(true);
    });

    test('unknown spellings are not units', () => {
        expect(lookupUnit('mgs')).toBeUndefined();
        expect(lookupUnit('ML')).toBeUndefined();
    });
});

describe('exact conversion', () => {
    test('2 % is 20 mg/mL (w/v)', () => {
        expect(toAmount(q('2', '%'))?.value.toString()).toBe('20');
    });

    test('0.1 mL + 0.2 mL is exactly 0.3 mL', () => {
        const sum = toAmount(q('0.1', 'mL'))!.value.add(toAmount(q('0.2', 'mL'))!.value);
        expect(sum.equals(new Fraction(3, 10))).toBe(true);
        expect(formatAmount({ value: sum, dimension: 'volume' })).toBe('0.3 mL');
    });

    test('500 mcg is 0.5 mg and 1.5 g is 1500 mg', () => {
        expect(formatAmount(toAmount(q('500', 'mcg'))!)).toBe('0.5 mg');
        expect(formatAmount(toAmount(q('1.5', 'g'))!)).toBe('1500 mg');
    });

    test('2 weeks is 14 days', () => {
        expect(formatAmount(toAmount(q('2', 'weeks'))!)).toBe('14 days');
    });

    test('an unknown unit gives no amount', () => {
        expect(toAmount(q('3', 'pints'))).toBeUndefined();
    });
});

describe('amounts shared by text', () => {
    test('quantities written alike share one amount; other texts, units or per-units do not', () => {
        const a = toAmount(q('0.25', 'mL'));
        expect(toAmount(q('0.25', 'mL'))).toBe(a);
        expect(a?.value.toString()).toBe('0.25');
        expect(toAmount(q('0.25', 'L'))?.value.toString()).toBe('250');
        expect(toAmount(q('0.250', 'mL'))).not.toBe(a);
        expect(toAmount(q('0.25', 'mg', 'kg'))?.dimension).toBe('dose-per-weight');
        expect(toAmount(q('0.25', 'mg'))?.dimension).toBe('mass');
        expect(toAmount(q('0.25', 'furlong'))).toBeUndefined();
    });
});
