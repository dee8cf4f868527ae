import { areaSums } from '../language/semantics/area-limits.js';
import type { ProtocolSemantics, SessionFacts } from '../language/semantics/protocol-semantics.js';
import { add, type Span } from '../language/units/span.js';
import { measureQuantity, quantity, spanNumber, spanQuantity } from './json-values.js';
import type * as J from './meso-json.generated.js';

/** The protocol's named areas (those for the record only are the `area` string). */
export function areasJson(semantics: ProtocolSemantics): J.Area[] {
    return semantics.areas.filter(a => a.area.name).map(a => ({
        id: a.area.name!,
        ...(a.area.area !== undefined && { title: a.area.area }),
        ...(a.region && { region: a.region.name }),
        ...(a.sizeCm2 && { size: quantity(a.sizeCm2, 'cm2') }),
        ...(a.spacingMm && { spacing: quantity(a.spacingMm, 'mm') }),
        ...(a.gridPoints !== undefined && { gridPoints: a.gridPoints })
    }));
}

/** What each named area gets in one session: points, volume and doses, its injects summed. */
export function sessionAreasJson(facts: SessionFacts | undefined): J.AreaDoses[] {
    if (!facts || !facts.injects.some(i => i.areas.length > 0)) return [];
    return areaSums(facts).filter(s => s.area).map(s => {
        const deliveries = facts.injects.flatMap(i => i.areas.filter(d => d.area === s.area));
        const total = (pick: (d: typeof deliveries[number]) => Span | undefined) =>
            deliveries.every(d => pick(d)) ? deliveries.map(d => pick(d)!).reduce(add) : undefined;
        const points = total(d => d.points);
        const volume = total(d => d.volume);
        return {
            area: s.area!.area.name!,
            ...(points && { points: spanNumber(points) }),
            ...(volume && { volume: spanQuantity(volume, 'mL') }),
            ...(deliveries.some(d => d.upToWhole) && { upToWholeMixture: true as const }),
            doses: [...s.amounts].filter(([, a]) => a !== 'unknown').map(([substance, amount]) => ({
                substance: substance.name, amount: measureQuantity(amount as Exclude<typeof amount, 'unknown'>)
            }))
        };
    });
}

/** `{ areas }` for a scheduled session that names areas, else nothing. */
export function sessionAreasField(facts: SessionFacts | undefined): { areas?: J.AreaDoses[] } {
    const areas = sessionAreasJson(facts);
    return areas.length > 0 ? { areas } : {};
}
