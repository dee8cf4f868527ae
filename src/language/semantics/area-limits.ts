import { Fraction } from 'fraction.js';
import type { AreasClause, Inject, Substance } from '../generated/ast.js';
import type { Measure } from '../units/quantity.js';
import type { Span } from '../units/span.js';
import type { AreaFacts } from './areas.js';
import { amountCapsOf, areasRuleOf, type AmountCap, type RuleInForce } from './library.js';
import type { ProtocolSemantics, SessionFacts } from './protocol-semantics.js';

/**
 * Rules on treatment areas, over the facts of protocol-semantics: caps per area per session,
 * substances labelled for some regions only, and more points than an area's grid holds.
 */
export type AreaFinding =
    /** `area` undefined: the injects that name no area, counted together as one area (the worst case). */
    | { kind: 'over-area'; session: SessionFacts; area?: AreaFacts; substance: Substance; amount: Measure; cap: AmountCap; places: Array<{ inject: Inject; index?: number }> }
    | { kind: 'restricted'; inject: Inject; index: number; area: AreaFacts; substance: Substance; rule: RuleInForce<AreasClause> }
    | { kind: 'grid'; inject: Inject; index: number; area: AreaFacts; points: Span };

interface AreaSum { area?: AreaFacts; amounts: Map<Substance, Measure | 'unknown'>; places: Array<{ inject: Inject; index?: number }> }

function addTo(sum: AreaSum, substance: Substance, amount: Measure | undefined): void {
    const prev = sum.amounts.get(substance);
    if (prev === 'unknown') return;
    if (!amount || (prev && prev.dimension !== amount.dimension)) { sum.amounts.set(substance, 'unknown'); return; }
    sum.amounts.set(substance, prev ? { span: { low: prev.span.low.add(amount.span.low), high: prev.span.high.add(amount.span.high) }, dimension: amount.dimension } : amount);
}

/** What each area gets in one session, per substance; the injects that name no area form one group. */
export function areaSums(session: SessionFacts): AreaSum[] {
    const sums = new Map<AreaFacts | undefined, AreaSum>();
    const sumOf = (area: AreaFacts | undefined) => sums.get(area) ?? sums.set(area, { area, amounts: new Map(), places: [] }).get(area)!;
    for (const inject of session.injects) {
        if (inject.inject.areas.length === 0) {
            const sum = sumOf(undefined);
            sum.places.push({ inject: inject.inject });
            for (const d of inject.doses) addTo(sum, d.substance, d.unreadable ? undefined : d.amount);
            continue;
        }
        for (const delivery of inject.areas) {
            const sum = sumOf(delivery.area);
            sum.places.push({ inject: inject.inject, index: inject.inject.areas.findIndex(r => r.ref === delivery.area.area) });
            for (const d of delivery.doses) addTo(sum, d.substance, d.amount);
        }
    }
    return [...sums.values()];
}

export function evaluateAreas(semantics: ProtocolSemantics): AreaFinding[] {
    const findings: AreaFinding[] = [];
    const capsCache = new Map<Substance, AmountCap[]>();
    const areaCapsOf = (s: Substance) => capsCache.get(s) ?? capsCache.set(s, amountCapsOf(s).filter(c => c.kind === 'area')).get(s)!;
    for (const session of semantics.sessions) {
        const capped = session.doses.some(d => areaCapsOf(d.substance).length > 0);
        for (const sum of capped ? areaSums(session) : []) {
            for (const [substance, amount] of sum.amounts) {
                // An unknown amount is reported as amount-unknown (or at its unreadable figure).
                if (amount === 'unknown') continue;
                for (const cap of areaCapsOf(substance)) {
                    if (cap.amount.dimension !== amount.dimension || amount.span.high.compare(cap.amount.value) <= 0) continue;
                    findings.push({ kind: 'over-area', session, area: sum.area, substance, amount, cap, places: sum.places });
                }
            }
        }
        for (const inject of session.injects) {
            for (const delivery of inject.areas) {
                const index = inject.inject.areas.findIndex(r => r.ref === delivery.area.area);
                for (const dose of inject.doses) {
                    const rule = areasRuleOf(dose.substance);
                    const region = delivery.area.region;
                    if (rule && !(region && rule.clause.regions.some(r => r.ref === region))) {
                        findings.push({ kind: 'restricted', inject: inject.inject, index, area: delivery.area, substance: dose.substance, rule });
                    }
                }
                const grid = delivery.area.gridPoints;
                if (!delivery.derived && delivery.points && grid !== undefined && delivery.points.high.compare(new Fraction(grid)) > 0) {
                    findings.push({ kind: 'grid', inject: inject.inject, index, area: delivery.area, points: delivery.points });
                }
            }
        }
    }
    return findings;
}
