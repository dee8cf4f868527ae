import { afterEach, describe, expect, test } from 'vitest';
import { isProtocol, type Protocol } from '../../../src/language/generated/ast.js';
import { areaSums } from '../../../src/language/semantics/area-limits.js';
import type { ProtocolSemantics } from '../../../src/language/semantics/protocol-semantics.js';
import type { Span } from '../../../src/language/units/span.js';
import { buildFile, createTestServices, describeDiagnostics as list, errors, model, reset } from '../../helpers/services.js';

const services = createTestServices();
afterEach(() => reset(services));

async function semanticsOf(text: string, expected: string[] = []): Promise<ProtocolSemantics> {
    const doc = await buildFile(services, text);
    expect(errors(doc).map(d => d.code), list(doc)).toEqual(expected);
    return services.semantics.Semantics.protocol(model(doc).elements.find(isProtocol) as Protocol);
}

const str = (s: Span | undefined) => !s ? undefined : s.low.equals(s.high) ? s.low.toFraction() : `${s.low.toFraction()}..${s.high.toFraction()}`;

const QWO = (session: string, extra = '') => `
protocol cellulite {
    indication aesthetic
    skin test not needed "the label asks for none"
    area left_buttock "Left buttock" in buttock
    area right_buttock "Right buttock" in buttock
    area chin in submental 25 cm² 1 cm apart
    ${extra}
    mixture m { collagenase_cch 7.2 mL }
    ${session.includes('grid') ? 'technique grid { needle 30G 13 mm  depth 12 mm  0.3 mL per point  12 points }' : ''}
    ${session.includes('wet') ? 'technique wet { needle 30G 13 mm  depth 12 mm  0.2 mL per point }' : ''}
    session s { ${session} }
    schedule { phase treatment: 3 sessions of s every 21 days }
}`;

describe('treatment areas', () => {
    test('an inject into two areas gives each one use of the technique: 3.6 mL and 0.84 mg each', async () => {
        const s = await semanticsOf(QWO('inject m using grid into left_buttock, right_buttock'));
        const inject = s.sessions[0].injects[0];
        expect(str(inject.injectedVolume)).toBe('36/5');
        expect(str(inject.points)).toBe('24');
        expect(inject.areas.map(a => [a.area.area.name, str(a.volume), str(a.doses[0].amount?.span)]))
            .toEqual([['left_buttock', '18/5', '21/25'], ['right_buttock', '18/5', '21/25']]);
        expect(str(s.sessions[0].doses[0].amount?.span)).toBe('42/25');
    });

    test('two injects into one area are summed for that area', async () => {
        const s = await semanticsOf(QWO('inject m using grid into left_buttock  inject m using grid into left_buttock'), ['overdose-area', 'overdose-area']);
        const sums = areaSums(s.sessions[0]);
        expect(sums.map(x => [x.area?.area.name, [...x.amounts.values()].map(a => a !== 'unknown' ? str(a.span) : a)])).toEqual([['left_buttock', ['42/25']]]);
    });

    test('an area with a size and a spacing holds ⌊size ÷ spacing²⌋ points; a technique without points takes them', async () => {
        const s = await semanticsOf(QWO('inject m using wet into chin'), ['overdose-area']);
        const chin = s.areas.find(a => a.area.name === 'chin')!;
        expect([chin.sizeCm2?.toFraction(), chin.spacingMm?.toFraction(), chin.gridPoints]).toEqual(['25', '10', 25]);
        const delivery = s.sessions[0].injects[0].areas[0];
        expect([str(delivery.points), delivery.derived, str(delivery.volume)]).toEqual(['25', true, '5']);
    });

    test('mm² and a spacing in mm: 150 mm² at 5 mm holds 6 points', async () => {
        const s = await semanticsOf(QWO('inject m using grid', 'area patch 150 mm2 5 mm apart'));
        expect(s.areas.find(a => a.area.name === 'patch')?.gridPoints).toBe(6);
    });

    test('the record-only form `area "text"` still parses and holds no name', async () => {
        const s = await semanticsOf(QWO('inject m using grid', 'area "lumbar paravertebral"'));
        expect(s.areas.filter(a => !a.area.name).map(a => a.area.area)).toEqual(['lumbar paravertebral']);
    });
});
