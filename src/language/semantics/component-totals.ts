import { Fraction } from 'fraction.js';
import type { Component, Substance } from '../generated/ast.js';
import type { Measure } from '../units/quantity.js';
import { add, ZERO, type Span } from '../units/span.js';
import { deliveredBy, type ProtocolSemantics, type ScheduledSession, type SessionFacts } from './protocol-semantics.js';

// What one component or substance comes to over a protocol's sessions, from its semantics
// (hover, inlay hints, preview). The doses themselves are computed in protocol-semantics.ts.

/** What one mixture component delivers of one substance in one session (all injects of its mixture summed). */
export interface ComponentDelivery {
    readonly session: SessionFacts;
    readonly substance: Substance;
    readonly amount?: Measure;
    readonly volume?: Span;
}

/** Per session that injects the component's mixture, and per substance it carries, what the component delivers. */
export function componentDeliveries(semantics: ProtocolSemantics, component: Component): ComponentDelivery[] {
    const result: ComponentDelivery[] = [];
    for (const session of semantics.sessions) {
        const parts = session.injects.flatMap(i => {
            const c = i.mixture?.components.find(x => x.component === component);
            if (!c || !i.mixture) return [];
            return c.carries.map(carried => ({
                substance: carried.substance,
                ...(i.mixture!.unreadable || !i.draw ? {} : deliveredBy(i.mixture!, i.draw, carried.substance, c))
            }));
        });
        for (const substance of new Set(parts.map(p => p.substance))) {
            const mine = parts.filter(p => p.substance === substance);
            const amounts = mine.map(p => p.amount);
            const dimension = amounts[0]?.dimension;
            const amount = amounts.every(a => a && a.dimension === dimension)
                ? { span: amounts.reduce((s, a) => add(s, a!.span), ZERO), dimension: dimension! } : undefined;
            const volume = mine.every(p => p.volume) ? mine.reduce((s, p) => add(s, p.volume!), ZERO) : undefined;
            result.push({ session, substance, amount, volume });
        }
    }
    return result;
}

/** What a component delivers over the cycle (maintenance excluded) and in all; undefined when unknown. */
export function componentTotals(semantics: ProtocolSemantics, component: Component, substance?: Substance): { cycle?: Measure; all?: Measure } {
    if (semantics.countsUnknown) return {};
    const deliveries = componentDeliveries(semantics, component).filter(d => !substance || d.substance === substance);
    const perSession = new Map(deliveries.map(d => [d.session, d.amount]));
    const sum = (list: ScheduledSession[]): Measure | undefined => {
        let total: Measure | undefined;
        for (const s of list) {
            if (!s.facts || !perSession.has(s.facts)) continue;
            const amount = perSession.get(s.facts);
            if (!amount || (total && total.dimension !== amount.dimension)) return undefined;
            const part = s.optional ? { low: new Fraction(0), high: amount.span.high } : amount.span;
            total = { span: total ? add(total.span, part) : part, dimension: amount.dimension };
        }
        return total;
    };
    return { cycle: sum(semantics.schedule.filter(s => !s.maintenance)), all: sum(semantics.schedule) };
}

/**
 * A substance's amount in each scheduled session and its running total (zero where it is not
 * given; an optional session counts 0 at the low end).
 */
export function cumulativeAmounts(semantics: ProtocolSemantics, substance: Substance): Array<{ amount: Span; cumulative: Span }> {
    let running: Span = ZERO;
    return semantics.schedule.map(s => {
        const given = s.facts?.doses.find(d => d.substance === substance)?.amount?.span ?? ZERO;
        const amount = s.optional ? { low: new Fraction(0), high: given.high } : given;
        running = add(running, amount);
        return { amount, cumulative: running };
    });
}
