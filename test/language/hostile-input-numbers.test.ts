import { afterEach, describe, expect, test } from 'vitest';
import { isProtocol } from '../../src/language/generated/ast.js';
import { buildFile, codes, createTestServices, describeDiagnostics, errors, reset } from '../helpers/services.js';

// Extreme numbers: no exponent, no sign, exact decimals of any length, zero amounts, and
// counts bounded so that a schedule can never exhaust memory.
const services = createTestServices();
afterEach(() => reset(services));

function protocolWith(o: { mixture?: string; points?: string; phase?: string }): string {
    return `protocol p {
    indication pain
    patients from 60 kg
    skin test 2 days before first session
    mixture m { ${o.mixture ?? 'saline 2 mL'} }
    technique t { needle 30G 4 mm  0.1 mL per point  ${o.points ?? '10'} points }
    session s { inject m using t }
    schedule { ${o.phase ?? 'phase a: 2 sessions of s every 7 days'} }
}
`;
}

async function check(text: string) {
    const doc = await buildFile(services, text);
    const protocol = doc.parseResult.value.elements.find(isProtocol)!;
    return { doc, semantics: services.semantics.Semantics.protocol(protocol), list: (doc.diagnostics ?? []).map(d => `${d.range.start.line + 1}:${d.range.start.character + 1} ${String(d.code)} ${d.message}`) };
}

describe('huge and tiny amounts', () => {
    test('1e308 mg: there is no exponent notation, the unit is read as e308', async () => {
        const { doc } = await check(protocolWith({ mixture: 'lidocaine 1e308 mg' }));
        expect(codes(doc)).toContain('unknown-unit');
        expect(errors(doc).find(d => d.code === 'unknown-unit')!.message).toMatch(/^Unknown unit 'e308'\./);
    });

    test('0.0000001 mL of 2 % lidocaine is exactly 0.000002 mg', async () => {
        const { semantics, list } = await check(protocolWith({ mixture: 'lidocaine 0.0000001 mL saline 2 mL' }));
        expect(list).toEqual([]);
        expect(semantics.mixtures[0].components[0].amount!.span.high.toFraction()).toBe('1/500000');
    });

    test('more digits than a double holds are kept exactly', async () => {
        // 1.0000000000000000000001 mL (a double would round it to 1) of 2 % lidocaine: 20.000000000000000000002 mg.
        const { semantics } = await check(protocolWith({ mixture: 'lidocaine 1.0000000000000000000001 mL saline 1 mL' }));
        const amount = semantics.mixtures[0].components[0].amount!.span.high;
        expect(amount.toFraction()).toBe('10000000000000000000001/500000000000000000000');
        expect(amount.equals(20)).toBe(false);
    });

    test('a 40-digit volume is an overdose, not an overflow', async () => {
        // Injected whole (no technique): 10^40 mL of 20 mg/mL piroxicam in one session.
        const { doc } = await check(protocolWith({ mixture: `piroxicam ${'9'.repeat(40)} mL` }).replace('inject m using t', 'inject m'));
        expect(errors(doc).map(d => d.code)).toEqual(['overdose-session']);
        expect(errors(doc)[0].message).toMatch(/^'piroxicam' 2e\+41 mg|^'piroxicam' 199+8 mg/);
    });

    test('a negative amount is a syntax error at the minus sign', async () => {
        const { doc } = await check(protocolWith({ mixture: 'lidocaine -1 mL saline 1 mL' }));
        expect(errors(doc).map(d => [d.code, d.range.start])).toContainEqual(['syntax-error', { line: 4, character: 26 }]);
    });

    test('a zero amount is allowed and gives zero mg; a mixture of 0 mL cannot be injected', async () => {
        const zeroLido = await check(protocolWith({ mixture: 'lidocaine 0 mL saline 2 mL' }));
        expect(zeroLido.list).toEqual([]);
        expect(zeroLido.semantics.sessions[0].doses.map(d => [d.substance.name, d.amount?.span.high.valueOf()])).toEqual([['lidocaine', 0], ['saline', undefined]]);
        await reset(services);
        const empty = await check(protocolWith({ mixture: 'saline 0 mL' }));
        expect(codes(empty.doc)).toEqual(['insufficient-mixture']);
    });

    test('a whole mixture of 0 mL injected without points divides by nothing', async () => {
        const { doc, semantics } = await check(protocolWith({ mixture: 'lidocaine 0 mL' }).replace('inject m using t', 'inject m'));
        expect(errors(doc)).toEqual([]);
        expect(semantics.sessions[0].doses[0].amount!.span.high.valueOf()).toBe(0);
    });
});

describe('counts and intervals', () => {
    test.each([
        ['0 points', { points: '0' }, '6:54 A number of points must be from 1 to 100,000, not 0.'],
        ['23-digit points', { points: '99999999999999999999999' }, '6:54 A number of points must be from 1 to 100,000, not 99999999999999999999999.'],
        ['0 sessions', { phase: 'phase a: 0 sessions of s every 7 days' }, '8:25 A number of sessions must be from 1 to 1,000, not 0.'],
        ['every 0 days', { phase: 'phase a: 2 sessions of s every 0 days' }, "8:47 'every 0 days' puts two sessions on the same day: write a time of more than 0."],
        ['after 0 days', { phase: 'phase a: 2 sessions of s every 7 days phase b: 1 session of s every 7 days after 0 days' },
            "8:97 'after 0 days' puts two sessions on the same day: write a time of more than 0."]
    ])('%s is invalid-number', async (_name, options, expected) => {
        const { doc, list } = await check(protocolWith(options));
        expect(errors(doc).map(d => d.code), describeDiagnostics(doc)).toEqual(['invalid-number']);
        expect(list, list.join('\n')).toContain(`${expected.split(' ')[0]} invalid-number ${expected.slice(expected.indexOf(' ') + 1)}`);
    });

    test('a negative interval is a syntax error', async () => {
        const { doc } = await check(protocolWith({ phase: 'phase a: 2 sessions of s every -7 days' }));
        expect(codes(doc)).toContain('syntax-error');
    });

    test('20 digits of sessions: refused and not laid out (this ran out of memory)', async () => {
        const { doc, semantics } = await check(protocolWith({ phase: 'phase a: 99999999999999999999 sessions of s every 7 days' }));
        expect(errors(doc).map(d => d.message)).toEqual(['A number of sessions must be from 1 to 1,000, not 99999999999999999999.']);
        expect(semantics.schedule).toEqual([]);
    });

    test('11 phases of 1,000 sessions: the total is refused on the protocol name, the layout stops at 10,000', async () => {
        const phases = Array.from({ length: 11 }, (_, i) => `phase a${i}: 1000 sessions of s every 7 days`).join('\n');
        const { doc, semantics } = await check(protocolWith({ phase: phases }));
        expect(errors(doc).map(d => [d.message, d.range.start])).toEqual([["Protocol 'p' schedules 11,000 sessions; at most 10,000 are checked.", { line: 0, character: 9 }]]);
        expect(semantics.schedule).toHaveLength(10_000);
    });

    test('1,000 sessions in a phase are laid out in full', async () => {
        const { doc, semantics } = await check(protocolWith({ phase: 'phase a: 1000 sessions of s every 7 days' }));
        expect(errors(doc)).toEqual([]);
        expect(semantics.schedule).toHaveLength(1000);
        expect(semantics.schedule[999].day?.high.valueOf()).toBe(6993);
    });
});
