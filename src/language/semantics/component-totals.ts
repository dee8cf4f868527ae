import { Fraction } from 'fraction.js';
import type { Component, Substance } from '../generated/ast.js';
import type { Amount } from '../units/quantity.js';
import type { ProtocolSemantics, ScheduledSession, SessionFacts } from './protocol-semantics.js';

// What one component or substance comes to over a protocol's sessions, from its semantics
// (hover, inlay hints, preview). The doses themselves are computed in protocol-semantics.ts.

/** What one mixture component delivers in one session (all injects of its mixture summed). */
export interface ComponentDelivery {
    readonly session: SessionFacts;
    readonly amount?: Amount;
    readonly volume?: Fraction;
}

/** Per session that injects the component's mixture, what the component delivers. */
export function componentDeliveries(semantics: ProtocolSemantics, component: Component): ComponentDelivery[] {
    const result: ComponentDelivery[] = [];
    for (const session of semantics.sessions) {
        const parts = session.injects.flatMap(i => {
            const c = i.mixture?.components.find(x => x.component === component);
            if (!c) return [];
            return [{
                amount: c.amount && i.share ? { value: c.amount.value.mul(i.share), dimension: c.amount.dimension } : undefined,
                volume: c.volume && i.share ? c.volume.mul(i.share) : undefined
            }];
        });
        if (parts.length === 0) continue;
        const known = parts.every(p => p.amount);
        result.push({
            session,
            amount: known ? { value: parts.reduce((s, p) => s.add(p.amount!.value), new Fraction(0)), dimension: parts[0].amount!.dimension } : undefined,
            volume: parts.every(p => p.volume) ? parts.reduce((s, p) => s.add(p.volume!), new Fraction(0)) : undefined
        });
    }
    return result;
}

/** What a component delivers over the cycle (maintenance excluded) and in all; undefined when unknown. */
export function componentTotals(semantics: ProtocolSemantics, component: Component): { cycle?: Amount; all?: Amount } {
    const perSession = new Map(componentDeliveries(semantics, component).map(d => [d.session, d.amount]));
    const sum = (list: ScheduledSession[]): Amount | undefined => {
        let total: Amount | undefined;
        for (const s of list) {
            if (!s.facts || !perSession.has(s.facts)) continue;
            const amount = perSession.get(s.facts);
            if (!amount || (total && total.dimension !== amount.dimension)) return undefined;
            total = { value: total ? total.value.add(amount.value) : amount.value, dimension: amount.dimension };
        }
        return total;
    };
    return { cycle: sum(semantics.schedule.filter(s => !s.maintenance)), all: sum(semantics.schedule) };
}

/** A substance's amount in each scheduled session and its running total (zero where it is not given). */
export function cumulativeAmounts(semantics: ProtocolSemantics, substance: Substance): Array<{ amount: Fraction; cumulative: Fraction }> {
    let running = new Fraction(0);
    return semantics.schedule.map(s => {
        const amount = s.facts?.doses.find(d => d.substance === substance)?.amount?.value ?? new Fraction(0);
        running = running.add(amount);
        return { amount, cumulative: running };
    });
}
