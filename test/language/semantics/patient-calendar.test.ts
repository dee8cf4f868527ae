import { Fraction } from 'fraction.js';
import { afterEach, describe, expect, test } from 'vitest';
import { addDays } from '../../../src/language/semantics/patient-semantics.js';
import { buildFile, createTestServices, errors, reset } from '../../helpers/services.js';

const services = createTestServices();
afterEach(() => reset(services));

describe('a plan on the calendar', () => {
    test('addDays stays on the YYYY-MM-DD calendar, or gives no date', () => {
        expect(addDays('2026-12-01', new Fraction(4))).toBe('2026-12-05');
        expect(addDays('2028-02-28', new Fraction(3, 2))).toBe('2028-02-29');
        expect(addDays('9999-12-30', new Fraction(1))).toBe('9999-12-31');
        // Found by the property tests: past 9999 toISOString writes `+010000-…`, past year 275760 it throws.
        expect(addDays('9999-12-31', new Fraction(1))).toBeUndefined();
        expect(addDays('2026-01-05', new Fraction('99999999999999999999'))).toBeUndefined();
    });

    test('a plan that runs past 9999-12-31 is an invalid-date error on its start, not a crash', async () => {
        const doc = await buildFile(services, `protocol p {
    indication pain
    mixture m { saline 1 mL }
    session s { inject m }
    schedule { phase a: 2 sessions of s every 99999999999999999999 days }
}
patient q {
    skin test on 2026-01-01 negative
    follows p from 2026-01-05
}
`);
        expect((doc.diagnostics ?? []).filter(d => String(d.message).startsWith('An error occurred'))).toEqual([]);
        expect(errors(doc).map(d => [d.data && (d.data as { code: string }).code, d.range.start.line + 1, d.range.start.character + 1, d.message])).toEqual([
            ['invalid-date', 9, 20, "The plan of 'q' from 2026-01-05 runs past 9999-12-31: its sessions have no calendar dates."]
        ]);
    });
});
