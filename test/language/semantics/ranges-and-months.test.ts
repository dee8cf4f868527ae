import { afterEach, describe, expect, test } from 'vitest';
import { isPatient, isProtocol, type Patient, type Protocol } from '../../../src/language/generated/ast.js';
import { shortestGap } from '../../../src/language/semantics/schedule.js';
import { addMonthsUtc, monthSpanDays } from '../../../src/language/units/calendar.js';
import type { Span } from '../../../src/language/units/span.js';
import { buildFile, createTestServices, describeDiagnostics, errors, model, reset } from '../../helpers/services.js';

const services = createTestServices();
afterEach(() => reset(services));

const str = (s: Span | undefined) => !s ? undefined : s.low.equals(s.high) ? s.low.toFraction() : `${s.low.toFraction()}..${s.high.toFraction()}`;
let files = 0;
async function build(text: string) {
    const doc = await buildFile(services, text, `ranges-${files++}.meso`);
    expect(errors(doc), describeDiagnostics(doc)).toEqual([]);
    const protocol = model(doc).elements.find(isProtocol) as Protocol;
    const patient = model(doc).elements.find(isPatient) as Patient | undefined;
    return { semantics: services.semantics.Semantics.protocol(protocol), plan: patient && services.semantics.Semantics.patient(patient) };
}

describe('calendar months', () => {
    test('n months span the fewest and most days of any start in the calendar', () => {
        expect(monthSpanDays(1)).toEqual({ low: 28, high: 31 });
        expect(monthSpanDays(2)).toEqual({ low: 59, high: 62 });
        expect(monthSpanDays(12)).toEqual({ low: 365, high: 366 });
        expect(monthSpanDays(48)).toEqual({ low: 1460, high: 1461 });
        expect(monthSpanDays(4800 + 1)).toEqual({ low: 146_097 + 28, high: 146_097 + 31 });
    });

    test('a month after the 31st ends on the last day of a shorter month', () => {
        const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
        expect(iso(addMonthsUtc(Date.UTC(2026, 0, 31), 1))).toBe('2026-02-28');
        expect(iso(addMonthsUtc(Date.UTC(2028, 0, 31), 1))).toBe('2028-02-29');
        expect(iso(addMonthsUtc(Date.UTC(2026, 0, 31), 2))).toBe('2026-03-31');
    });

    test('monthly sessions of a plan keep their day of the month; the protocol counts 28-31 days a month', async () => {
        const { semantics, plan } = await build(`protocol monthly {
    indication aesthetic
    skin test 2 days before first session
    mixture m { saline 1 mL }
    session s { inject m }
    schedule { phase a: 4 sessions of s every 1 month }
}
patient p {
    skin test on 2026-01-20 negative
    follows monthly from 2026-01-31
}
`);
        expect(semantics.schedule.map(s => str(s.day))).toEqual(['0', '28..31', '56..62', '84..93']);
        expect(plan!.dates.map(d => d.earliest)).toEqual(['2026-01-31', '2026-02-28', '2026-03-31', '2026-04-30']);
        expect(plan!.dates.every(d => d.earliest === d.latest)).toBe(true);
    });
});

describe('ranges in the schedule', () => {
    const PROTOCOL = `protocol ranged {
    indication pain
    skin test 2 days before first session
    mixture m { saline 1 mL }
    mixture n { lidocaine 0.5 mL }
    session s { inject m }
    session t { inject n }
    schedule {
        phase a: 1 session of t
        phase b: 2-4 sessions of s every 1-2 weeks after 3 days
        phase c: 1 session of t every 2 days after 5 days
    }
}
`;

    test('a count range lays out its top, the rest optional; a later phase starts after the lowest count at the earliest', async () => {
        const { semantics } = await build(PROTOCOL);
        expect(semantics.schedule.map(s => [str(s.day), s.optional])).toEqual([
            ['0', false], ['3', false], ['10..17', false], ['17..31', true], ['24..45', true], ['15..50', false]]);
        expect(str(semantics.totals.cycleSessions)).toBe('4..6');
        expect(str(semantics.totals.durationDays)).toBe('15..50');
    });

    test('the shortest way between two sessions skips the optional sessions of another phase', async () => {
        const { semantics } = await build(PROTOCOL);
        // lidocaine in sessions 1 and 6: 3 + 7 (two of phase b) + 5 = 15 days at the least.
        expect(shortestGap(semantics.schedule, 0, 5)?.toFraction()).toBe('15');
        // within phase b, an optional session cannot be skipped to reach a later one of the same phase.
        expect(shortestGap(semantics.schedule, 1, 4)?.toFraction()).toBe('21');
    });
});
