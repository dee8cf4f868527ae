import { afterEach, describe, expect, test } from 'vitest';
import { isProtocol, type Protocol } from '../../../src/language/generated/ast.js';
import type { ProtocolSemantics } from '../../../src/language/semantics/protocol-semantics.js';
import { buildFile, codes, createTestServices, describeDiagnostics as list, errors, model, reset } from '../../helpers/services.js';

/**
 * Numbers safety (#7 part 6): every unit family converts exactly through the semantics
 * (compared with fractions worked out by hand, never floats), and a cap reached exactly is not
 * an overdose while one hundredth over it, in the cap's unit, is.
 */
const services = createTestServices();
afterEach(() => reset(services));

async function semantics(text: string): Promise<ProtocolSemantics> {
    const doc = await buildFile(services, text);
    expect(errors(doc), list(doc)).toEqual([]);
    return services.semantics.Semantics.protocol(model(doc).elements.find(isProtocol) as Protocol);
}

/** One substance `drug` of the given strength, one mixture given whole, one session. */
const oneMixture = (concentration: string, components: string) => `substance drug { concentration ${concentration} }
protocol p {
    indication pain
    mixture m { ${components} }
    session s { inject m }
    schedule { phase a: 1 session of s every 7 days }
}
`;

describe('exact conversion of every unit family into delivered doses', () => {
    test.each([
        // concentration, components, amount (mg or IU) and volume (mL) delivered, as exact fractions
        ['20 mg/mL', 'drug 1 mL', '20', '1'],
        ['20 mg/ml', 'drug 0.35 mL', '7', '7/20'],
        ['2 %', 'drug 1 mL', '20', '1'],
        ['0.5 %', 'drug 0.3 mL', '3/2', '3/10'],
        ['2 %', 'drug 1 cc', '20', '1'],
        ['2 %', 'drug 0.001 L', '20', '1'],
        ['1 g/L', 'drug 3 ml', '3', '3'],
        ['100 mg / 2 mL', 'drug 1 mL', '50', '1'],
        ['1 g / 3 mL', 'drug 1 mL', '1000/3', '1'],
        ['1 g / 0.5 L', 'drug 1 mL', '2', '1'],
        ['500 mcg / 1 mL', 'drug 0.3 mL', '3/20', '3/10'],
        ['500 ug / 1 mL', 'drug 0.3 mL', '3/20', '3/10'],
        ['500 \u00B5g / 1 mL', 'drug 0.3 mL', '3/20', '3/10'],
        ['20 mg/mL', 'drug 30 mg', '30', '3/2'],
        ['20 mg/mL', 'drug 1 g', '1000', '50'],
        ['20 mg/mL', 'drug 700 mcg', '7/10', '7/200'],
        ['2 %', 'drug 7 mg', '7', '7/20'],
        ['3 %', 'drug 10 mg', '10', '1/3'],
        ['1000 IU/mL', 'drug 0.3 mL', '300', '3/10'],
        ['1500 IU / 10 mL', 'drug 1 mL', '150', '1'],
        ['1500 IU / 10 mL', 'drug 100 IU', '100', '2/3'],
        // 0.1 + 0.2 in floating point is 0.30000000000000004: the sum must stay 3/10 mL, 9/10 mg
        ['3 mg/mL', 'drug 0.1 mL  drug 0.2 mL', '9/10', '3/10']
    ])('%s with %s delivers %s and %s mL', async (concentration, components, amount, volume) => {
        const s = await semantics(oneMixture(concentration, components));
        const dose = s.sessions[0].doses[0];
        expect(dose.amount?.span.high.toFraction()).toBe(amount);
        expect(dose.amount?.span.low.toFraction()).toBe(amount);
        expect(dose.volume?.high.toFraction()).toBe(volume);
    });

    test('a share of a mixture stays exact: 0.1 mL × 7 points of a 2 + 1 mL mix of 2 % carries 28/3 mg', async () => {
        const s = await semantics(`substance drug { concentration 2 % }
protocol p {
    indication pain
    mixture m { drug 2 mL  saline 1 mL }
    technique t { 0.1 mL per point  7 points }
    session s { inject m using t }
    schedule { phase a: 3 sessions of s every 7 days }
}
`);
        expect(s.sessions[0].doses[0].amount?.span.high.toFraction()).toBe('28/3');
        expect(s.totals.substances[0].amount?.span.high.toFraction()).toBe('28');
    });

    test('intervals in min, h, d, days, wk and weeks convert exactly to days', async () => {
        const s = await semantics(`substance drug { concentration 2 % }
protocol p {
    indication pain
    mixture m { drug 0.1 mL }
    session s { inject m  duration 90 min }
    schedule {
        phase a: 2 sessions of s every 90 min
        phase b: 2 sessions of s every 36 h
        phase c: 2 sessions of s every 3 d
        phase d: 1 session of s every 2 days
        phase e: 2 sessions of s every 1.5 weeks
        phase f: 1 session of s every 1 wk
    }
}
`);
        expect(s.schedule.map(x => x.day?.high.toFraction())).toEqual(['0', '1/16', '25/16', '49/16', '97/16', '145/16', '177/16', '345/16', '513/16', '625/16']);
        expect(s.sessions[0].durationDays?.high.toFraction()).toBe('1/16');
    });

    test('lengths in cm convert exactly to mm, and a weight floor stays exact', async () => {
        const s = await semantics(`protocol p {
    indication pain
    patients from 72.5 kg
    mixture m { saline 1 mL }
    technique t { needle 30G 1.3 cm  depth 0.15 cm }
    session s { inject m using t }
    schedule { phase a: 1 session of s every 7 days }
}
`);
        expect(s.techniques[0].needleLength?.high.toFraction()).toBe('13');
        expect(s.techniques[0].depthLength?.high.toFraction()).toBe('3/2');
        expect(s.minWeightKg?.toFraction()).toBe('145/2');
    });
});

const OVERDOSES = ['overdose-session', 'overdose-weight', 'overdose-cycle', 'anesthetic-sum'];

let files = 0;
/** Overdose codes of a text, built as a file of its own (files do not see each other without an import). */
async function overdoses(text: string): Promise<string[]> {
    const doc = await buildFile(services, text, `cap-${files++}.meso`);
    const crashes = (doc.diagnostics ?? []).filter(d => String(d.message).startsWith('An error occurred'));
    expect(crashes.map(d => d.message)).toEqual([]);
    return codes(doc).filter(c => OVERDOSES.includes(c));
}

/** A substance with a strength and a cap, and one session giving `component`. */
const capped = (clauses: string, component: string, floor = '') => `substance drug { ${clauses} }
protocol p {
    indication pain
    ${floor}
    mixture m { ${component} }
    session s { inject m }
    schedule { phase a: 1 session of s every 7 days }
}
`;

describe('a cap reached exactly is not an overdose; one hundredth over is', () => {
    test.each([
        // clauses, dose at the cap, dose one hundredth (of the cap's unit) over it, expected code
        ['concentration 20 mg/mL  max 20 mg per session', 'drug 20 mg', 'drug 20.01 mg', 'overdose-session'],
        // 2 % × 1 mL = 20 mg exactly; 2 % × 1.0005 mL = 20.01 mg
        ['concentration 2 %  max 20 mg per session', 'drug 1 mL', 'drug 1.0005 mL', 'overdose-session'],
        // 100 mg/mL × 10 mL = 1000 mg = 1 g; 10.1 mL = 1010 mg = 1.01 g
        ['concentration 100 mg/mL  max 1 g per session', 'drug 10 mL', 'drug 10.1 mL', 'overdose-session'],
        ['concentration 1 mg/mL  max 500 mcg per session', 'drug 0.5 mL', 'drug 500.01 mcg', 'overdose-session'],
        ['concentration 100 mg / 2 mL  max 150 mg per session', 'drug 3 mL', 'drug 3.0002 mL', 'overdose-session'],
        ['concentration 1000 IU/mL  max 1000 IU per session', 'drug 1 mL', 'drug 1000.01 IU', 'overdose-session'],
        ['concentration 20 mg/mL  max 60 mg per cycle', 'drug 60 mg', 'drug 60.01 mg', 'overdose-cycle'],
        // 0.1 mL + 0.2 mL of 3 mg/mL: exactly 0.9 mg, where floating point gives 0.9000000000000001
        ['concentration 3 mg/mL  max 0.9 mg per session', 'drug 0.1 mL  drug 0.2 mL', 'drug 0.91 mg', 'overdose-session']
    ])('%s: %s is within, %s is over', async (clauses, within, over, code) => {
        expect(await overdoses(capped(clauses, within))).toEqual([]);
        expect(await overdoses(capped(clauses, over))).toEqual([code]);
    });

    test('per kg: 4.5 mg/kg at 50 kg allows 225 mg (2 % × 11.25 mL), not 225.01 mg', async () => {
        const clauses = 'concentration 2 %  max 4.5 mg/kg per session';
        expect(await overdoses(capped(clauses, 'drug 11.25 mL', 'patients from 50 kg'))).toEqual([]);
        expect(await overdoses(capped(clauses, 'drug 225.01 mg', 'patients from 50 kg'))).toEqual(['overdose-weight']);
    });

    test('per kg at a weight with decimals: 4.5 mg/kg at 72.5 kg allows exactly 326.25 mg', async () => {
        const clauses = 'concentration 2 %  max 4.5 mg/kg per session';
        expect(await overdoses(capped(clauses, 'drug 326.25 mg', 'patients from 72.5 kg'))).toEqual([]);
        expect(await overdoses(capped(clauses, 'drug 326.26 mg', 'patients from 72.5 kg'))).toEqual(['overdose-weight']);
    });

    test('per cycle: three sessions of 20 mg reach a 60 mg cap; 20 + 20 + 20.01 mg pass it', async () => {
        const protocol = (last: string) => `substance drug { concentration 20 mg/mL  max 60 mg per cycle }
protocol p {
    indication pain
    mixture m { drug 1 mL }
    mixture last { drug ${last} }
    session s { inject m }
    session t { inject last }
    schedule {
        phase a: 2 sessions of s every 7 days
        phase b: 1 session of t every 7 days
    }
}
`;
        expect(await overdoses(protocol('20 mg'))).toEqual([]);
        // One diagnostic on each component that carries the substance.
        expect(await overdoses(protocol('20.01 mg'))).toEqual(['overdose-cycle', 'overdose-cycle']);
    });

    test('a zero mg/kg allowance (patients from 0 kg) flags the anaesthetic instead of dividing by zero', async () => {
        // Found by the property tests: the anaesthetic sum divided the dose by a 0 mg cap and validation threw.
        const text = capped('class anesthetic  concentration 2 %  max 4.5 mg/kg per session', 'drug 1 mL', 'patients from 0 kg');
        expect(await overdoses(text)).toEqual(['overdose-weight']);
    });
});
