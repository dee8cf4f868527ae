import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Fraction } from 'fraction.js';
import { afterEach, describe, expect, test } from 'vitest';
import { isProtocol, type Protocol } from '../../../src/language/generated/ast.js';
import type { ProtocolSemantics } from '../../../src/language/semantics/protocol-semantics.js';
import type { Span } from '../../../src/language/units/span.js';
import { buildFiles, createTestServices, describeDiagnostics as list, errors, model, reset } from '../../helpers/services.js';

const services = createTestServices();
afterEach(() => reset(services));

const reference = (f: string) => readFileSync(join(import.meta.dirname, '../../fixtures/reference', f), 'utf8');

async function semanticsOf(files: Record<string, string>, main: string): Promise<ProtocolSemantics> {
    const docs = await buildFiles(services, files);
    expect(errors(docs[main]), list(docs[main])).toEqual([]);
    const protocol = model(docs[main]).elements.find(isProtocol) as Protocol;
    return services.semantics.Semantics.protocol(protocol);
}

/** A fraction, or a span: one fraction when its ends are equal, else `low..high`. */
const str = (f: Fraction | Span | undefined) => !f ? undefined : 'low' in f
    ? (f.low.equals(f.high) ? f.low.toFraction() : `${f.low.toFraction()}..${f.high.toFraction()}`) : f.toFraction();
const doses = (s: ProtocolSemantics, session = 0) =>
    Object.fromEntries(s.sessions[session].doses.map(d => [d.substance.name, str(d.amount?.span)]));
const totals = (s: ProtocolSemantics, which: 'substances' | 'cycleSubstances' = 'substances') =>
    Object.fromEntries(s.totals[which].map(t => [t.substance.name, str(t.amount?.span)]));

const LIBRARY = `
substance lido { concentration 2 % }
substance keto { concentration 100 mg / 2 mL }
substance nacl { }
`;

describe('the language reference §4 protocol', () => {
    test('delivers 20 mg lidocaine and 20 mg piroxicam per session', async () => {
        const s = await semanticsOf({ 'clinic-formulary.meso': reference('clinic-formulary.meso'), 'low-back-pain.meso': reference('low-back-pain.meso') }, 'low-back-pain.meso');
        expect(str(s.sessions[0].injectedVolume)).toBe('4');
        expect(doses(s)).toEqual({ lidocaine: '20', piroxicam: '20', saline: undefined });
    });

    test('schedules days 0, 4, 11 … 136 with 8 cycle and 3 maintenance sessions, 220 mg lidocaine in all', async () => {
        const s = await semanticsOf({ 'clinic-formulary.meso': reference('clinic-formulary.meso'), 'low-back-pain.meso': reference('low-back-pain.meso') }, 'low-back-pain.meso');
        expect(s.schedule.map(x => str(x.day))).toEqual(['0', '4', '11', '18', '25', '32', '39', '46', '76', '106', '136']);
        expect(s.schedule.map(x => x.maintenance)).toEqual([...Array(8).fill(false), true, true, true]);
        expect(str(s.totals.cycleSessions)).toBe('8');
        expect(str(s.totals.maintenanceSessions)).toBe('3');
        expect(str(s.totals.durationDays)).toBe('136');
        expect(totals(s).lidocaine).toBe('220');
        expect(totals(s, 'cycleSubstances').lidocaine).toBe('160');
    });
});

describe('doses', () => {
    test('two injects in one session add up per substance', async () => {
        const s = await semanticsOf({ 'lib.meso': LIBRARY, 'p.meso': `import "lib.meso"
protocol two {
    mixture a { lido 1 mL  nacl 1 mL }
    mixture b { keto 1 mL  lido 1 mL  nacl 2 mL }
    technique t1 { needle 30G 4 mm  depth 1.5 mm  0.1 mL per point  10 points }
    technique t2 { 0.2 mL per point  5 points }
    session s { inject a using t1  inject b using t2 }
    schedule { phase only: 3 sessions of s every 7 days }
}` }, 'p.meso');
        // a: 1 of 2 mL injected -> lido 0.5 mL = 10 mg; b: 1 of 4 mL -> keto 0.25 mL = 12.5 mg, lido 0.25 mL = 5 mg
        expect(doses(s)).toEqual({ lido: '15', nacl: undefined, keto: '25/2' });
        expect(str(s.sessions[0].doses[0].volume)).toBe('3/4');
        expect(str(s.sessions[0].injectedVolume)).toBe('2');
        expect(str(s.sessions[0].points)).toBe('15');
        expect(totals(s)).toEqual({ lido: '45', nacl: undefined, keto: '75/2' });
    });

    test('a component given in mg is converted to volume through the concentration', async () => {
        const s = await semanticsOf({ 'lib.meso': LIBRARY, 'p.meso': `import "lib.meso"
protocol bymass {
    mixture m { keto 100 mg  lido 2 mL  nacl 1 mL }
    technique t { 0.25 mL per point  8 points }
    session s { inject m using t }
    schedule { phase only: 1 session of s every 7 days }
}` }, 'p.meso');
        // keto 100 mg = 2 mL; mixture 5 mL; 2 mL injected -> share 2/5
        expect(str(s.mixtures[0].volume)).toBe('5');
        expect(doses(s)).toEqual({ keto: '40', lido: '16', nacl: undefined });
        expect(str(s.sessions[0].doses[0].volume)).toBe('4/5');
    });

    test('thirds stay exact: 1 mL of a 1 + 2 mL mixture carries 20/3 mg', async () => {
        const s = await semanticsOf({ 'lib.meso': LIBRARY, 'p.meso': `import "lib.meso"
protocol thirds {
    mixture m { lido 1 mL  nacl 2 mL }
    technique t { 0.1 mL per point  10 points }
    session s { inject m using t }
    schedule { phase only: 3 sessions of s every 7 days }
}` }, 'p.meso');
        expect(doses(s).lido).toBe('20/3');
        expect(totals(s).lido).toBe('20');
    });

    test('without points the whole mixture is injected', async () => {
        const s = await semanticsOf({ 'lib.meso': LIBRARY, 'p.meso': `import "lib.meso"
protocol whole {
    mixture m { lido 0.5 mL }
    session s { inject m }
    schedule { phase only: 2 sessions of s every 7 days }
}` }, 'p.meso');
        expect(doses(s)).toEqual({ lido: '10' });
    });
});

describe('schedules', () => {
    test('`after` sets the gap before a phase; maintenance is counted apart', async () => {
        const s = await semanticsOf({ 'lib.meso': LIBRARY, 'p.meso': `import "lib.meso"
protocol gaps {
    mixture m { lido 0.5 mL }
    session s { inject m }
    schedule {
        phase attack: 3 sessions of s every 3 days
        phase consolidation: 4 sessions of s every 14 days after 21 days
        maintenance: 2 sessions of s every 30 days
    }
}` }, 'p.meso');
        expect(s.schedule.map(x => str(x.day))).toEqual(['0', '3', '6', '27', '41', '55', '69', '99', '129']);
        expect(s.schedule.map(x => x.phase.name ?? 'maintenance')).toEqual([
            'attack', 'attack', 'attack', 'consolidation', 'consolidation', 'consolidation', 'consolidation', 'maintenance', 'maintenance']);
        expect([str(s.totals.cycleSessions), str(s.totals.maintenanceSessions)]).toEqual(['7', '2']);
        expect(str(s.totals.durationDays)).toBe('129');
        expect(totals(s, 'cycleSubstances').lido).toBe('70');
        expect(totals(s).lido).toBe('90');
    });

    test('intervals in weeks and hours convert exactly to days', async () => {
        const s = await semanticsOf({ 'lib.meso': LIBRARY, 'p.meso': `import "lib.meso"
protocol units {
    mixture m { lido 0.5 mL }
    session s { inject m }
    schedule {
        phase a: 2 sessions of s every 2 weeks
        phase b: 2 sessions of s every 36 h
    }
}` }, 'p.meso');
        expect(s.schedule.map(x => str(x.day))).toEqual(['0', '14', '31/2', '17']);
    });

    test('a phase of 100000000 sessions is refused on its count and the schedule stays bounded, instead of hanging the editor', async () => {
        // Found by the property tests: `100000000 sessions` expanded session by session never returned.
        const docs = await buildFiles(services, { 'lib.meso': LIBRARY, 'p.meso': `import "lib.meso"
protocol huge {
    mixture m { lido 0.5 mL }
    session s { inject m }
    schedule {
        phase a: 600 sessions of s every 1 day
        phase b: 100000000 sessions of s every 1 day
        maintenance: 400 sessions of s every 30 days
    }
}` });
        const protocol = model(docs['p.meso']).elements.find(isProtocol) as Protocol;
        const s = services.semantics.Semantics.protocol(protocol);
        // The refused count schedules nothing; the rest is laid out, but the days after it and the
        // totals are unknown: never counted as if the refused phase had no session.
        expect(s.schedule).toHaveLength(1000);
        expect(str(s.schedule[599].day)).toBe('599');
        expect(s.schedule[600].day).toBeUndefined();
        expect(s.totals.cycleSessions).toBeUndefined();
        expect(s.totals.durationDays).toBeUndefined();
        expect(errors(docs['p.meso']).map(d => [d.code ?? (d.data as { code: string }).code, d.range.start.line + 1, d.range.start.character + 1, d.message])).toEqual([
            ['invalid-number', 7, 18, 'A number of sessions must be from 1 to 1,000, not 100000000.']
        ]);
    });
});
