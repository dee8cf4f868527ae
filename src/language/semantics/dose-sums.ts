import type { Substance } from '../generated/ast.js';
import { add, type Span } from '../units/span.js';
import type { Dose, ScheduledSession, SessionFacts, SubstanceTotal } from './protocol-semantics.js';

// Sums of doses: over the injects of a session, and over the scheduled sessions of a protocol.

/** Sums doses of the same substance; an unknown part makes the sum unknown. */
export function sumDoses(doses: Dose[]): Dose[] {
    const bySubstance = new Map<Substance, Dose>();
    // Sums made here are extended in place: copying the component list at every addition
    // made the totals over a long schedule quadratic in the number of sessions.
    const sums = new Set<Dose>();
    for (const d of doses) {
        const prev = bySubstance.get(d.substance);
        if (!prev) { bySubstance.set(d.substance, d); continue; }
        const amount = prev.amount && d.amount && prev.amount.dimension === d.amount.dimension
            ? { span: add(prev.amount.span, d.amount.span), dimension: d.amount.dimension } : undefined;
        const volume = prev.volume && d.volume ? add(prev.volume, d.volume) : undefined;
        const unreadable = prev.unreadable || d.unreadable;
        if (sums.has(prev)) {
            const sum = prev as { -readonly [K in keyof Dose]: Dose[K] };
            sum.amount = amount;
            sum.volume = volume;
            sum.unreadable = unreadable;
            sum.components.push(...d.components);
        } else {
            const sum: Dose = { substance: d.substance, amount, volume, components: [...prev.components, ...d.components], unreadable };
            sums.add(sum);
            bySubstance.set(d.substance, sum);
        }
    }
    return [...bySubstance.values()];
}

/**
 * Totals over scheduled sessions: the low end sums the sessions that always take place at
 * their low ends, the high end every session laid out at its high end.
 */
export function totalsOver(schedule: ScheduledSession[]): SubstanceTotal[] {
    // Each session's doses once, times the number of times it is scheduled: exact, and
    // linear in the sessions declared rather than in the sessions scheduled.
    const times = new Map<SessionFacts, { mandatory: number; all: number }>();
    for (const s of schedule) {
        if (!s.facts) continue;
        const t = times.get(s.facts) ?? { mandatory: 0, all: 0 };
        times.set(s.facts, { mandatory: t.mandatory + (s.optional ? 0 : 1), all: t.all + 1 });
    }
    const times2 = (x: Span, t: { mandatory: number; all: number }): Span => ({ low: x.low.mul(t.mandatory), high: x.high.mul(t.all) });
    const doses = [...times].flatMap(([facts, t]) => t.mandatory === 1 && t.all === 1 ? facts.doses : facts.doses.map(d => ({
        ...d,
        amount: d.amount && { span: times2(d.amount.span, t), dimension: d.amount.dimension },
        volume: d.volume && times2(d.volume, t)
    })));
    return sumDoses(doses).map(d => ({ substance: d.substance, amount: d.amount, volume: d.volume }));
}
