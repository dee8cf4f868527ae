import { areaSums } from '../semantics/area-limits.js';
import type { ProtocolSemantics } from '../semantics/protocol-semantics.js';
import { formatMeasure, formatSpan } from '../units/quantity.js';
import { scale, type Span } from '../units/span.js';
import { displayUnit } from '../units/unit-table.js';
import type { PreviewModel } from './meso-protocol.js';

const num = (f: { valueOf(): number }) => Number(Number(f.valueOf()).toFixed(4));

/** `{ areas }`: each named area and what each session gives it (the high end of a range). */
export function previewAreas(semantics: ProtocolSemantics): Pick<PreviewModel, 'areas'> {
    const named = semantics.areas.filter(a => a.area.name);
    if (named.length === 0) return {};
    return {
        areas: named.map(a => ({
            area: a.area.name!,
            ...(a.area.area !== undefined && { title: a.area.area }),
            ...(a.region && { region: a.region.name }),
            ...(a.gridPoints !== undefined && { gridPoints: a.gridPoints }),
            sessions: semantics.sessions.flatMap(s => {
                const sum = areaSums(s).find(x => x.area === a);
                if (!sum) return [];
                const doses = [...sum.amounts].flatMap(([substance, amount]) => amount === 'unknown' ? []
                    : [{ substance: substance.name, amount: num(amount.span.high), unit: displayUnit[amount.dimension] }]);
                return [{ session: s.session.name, doses }];
            })
        }))
    };
}

/** `60 min` under a day, else `2 days` (a range at both ends). */
function durationText(days: Span): string {
    return days.high.compare(1) < 0 ? `${formatSpan(scale(days, 1440))} min` : `${formatSpan(days)} days`;
}

/** `{ care }`: each care item as one line of text. */
export function previewCare(semantics: ProtocolSemantics): Pick<PreviewModel, 'care'> {
    if (semantics.care.length === 0) return {};
    return {
        care: semantics.care.map(c => {
            const detail = [c.amount && formatMeasure(c.amount), c.route, c.durationDays && `for ${durationText(c.durationDays)}`, c.item.note]
                .filter(Boolean).join(' · ');
            return {
                timing: c.timing, ...(c.session && { session: c.session.name }),
                what: c.item.measure ?? c.substances.map(s => s.name).join(', '), ...(detail && { detail })
            };
        })
    };
}
