import { Fraction } from 'fraction.js';
import { isSchedule, type Phase, type Protocol, type Session } from '../generated/ast.js';
import { add, type Span } from '../units/span.js';
import { MAX_COUNT } from './counts.js';
import { readCount, readSpan, type Reading } from './reading.js';
import { calendarMonths } from '../units/quantity.js';
import type { SessionFacts } from './protocol-semantics.js';

/** One session of the schedule, laid out at the top of every range of counts. */
export interface ScheduledSession {
    /** 1-based position in the whole schedule (with every phase at its highest count). */
    readonly index: number;
    /** Days after session 1, earliest and latest; undefined when an earlier gap is unknown. */
    readonly day?: Span;
    /** Days since the session before it (the phase's `every`, or its `after` for its first session); undefined for session 1 or when unknown. */
    readonly gapBefore?: Span;
    /** The same gap when it is written in calendar months (`every 1 month`): a plan adds months, not days. */
    readonly gapMonths?: Span;
    readonly phase: Phase;
    readonly maintenance: boolean;
    /** Beyond the phase's lowest count (`8-12 sessions`: the 9th to 12th): it may not take place. */
    readonly optional: boolean;
    readonly facts?: SessionFacts;
}

export interface ScheduleLayout {
    readonly sessions: ScheduledSession[];
    /** A phase's count could not be read: the phase is not laid out, and counts and totals are unknown. */
    readonly countsUnknown: boolean;
    /** A phase's `every` or `after` could not be read, or is missing where a gap is needed: later days are unknown. */
    readonly daysUnknown: boolean;
    /** Day of the last session, at the earliest and latest; undefined when unknown. */
    readonly end?: Span;
}

/** The phase's `every` in days, its `after` (else its `every`) for its first session. */
function gapOf(q: Phase['interval']): Reading<Span> {
    return readSpan(q, 'time');
}

/**
 * Lays out the schedule. Session 1 is day 0; within a phase sessions are `every` apart; a
 * later phase starts `after` (else its own `every`) the previous phase's last session. A phase
 * of `8-12` sessions lays out 12, the last 4 optional; a later phase starts, at the earliest,
 * after the 8th (every gap at its low end) and, at the latest, after the 12th (at its high end).
 * Nothing is laid out past a gap that cannot be read: those days are unknown, not 0.
 */
export function layOutSchedule(protocol: Protocol, sessions: Map<Session, SessionFacts>): ScheduleLayout {
    const result: ScheduledSession[] = [];
    let countsUnknown = false;
    let daysUnknown = false;
    // The day of the previous phase's last session, at the earliest and the latest; undefined when unknown.
    let end: { low: Fraction; high: Fraction } | undefined = { low: new Fraction(0), high: new Fraction(0) };
    let first = true;
    for (const phase of protocol.members.filter(isSchedule).flatMap(s => s.phases)) {
        const counted = readCount(phase.count, phase.countHigh, MAX_COUNT.sessionsPerPhase);
        if (counted === undefined || counted === 'unreadable') { countsUnknown = true; end = undefined; first = false; continue; }
        // Past the total bound the rest of the schedule is left out (validation reports it).
        const room = MAX_COUNT.scheduledSessions - result.length;
        const low = Math.min(Number(counted.low.valueOf()), room);
        const high = Math.min(Number(counted.high.valueOf()), room);
        const every = gapOf(phase.interval);
        const after = phase.gap ? gapOf(phase.gap) : every;
        if (every === 'unreadable' || after === 'unreadable' || (high > 1 && every === undefined) || (!first && after === undefined)) {
            daysUnknown = true;
        }
        const facts = phase.session?.ref ? sessions.get(phase.session.ref) : undefined;
        const everyMonths = calendarMonths(phase.interval);
        const afterMonths = phase.gap ? calendarMonths(phase.gap) : everyMonths;
        const everyKnown = every === 'unreadable' ? undefined : every;
        const afterKnown = after === 'unreadable' ? undefined : after;
        const startGap: Span | undefined = first ? { low: new Fraction(0), high: new Fraction(0) } : afterKnown;
        const start: Span | undefined = end && startGap ? add(end, startGap) : undefined;
        for (let k = 0; k < high; k++) {
            const day = !start ? undefined : k === 0 ? start : everyKnown && add(start, { low: everyKnown.low.mul(k), high: everyKnown.high.mul(k) });
            result.push({
                index: result.length + 1,
                day,
                gapBefore: first && k === 0 ? undefined : k === 0 ? afterKnown : everyKnown,
                gapMonths: first && k === 0 ? undefined : k === 0 ? afterMonths : everyMonths,
                phase, maintenance: phase.maintenance, optional: k >= low, facts
            });
        }
        if (high > 0) {
            const lastLow: Fraction | undefined = !start ? undefined : low <= 1 ? start.low : everyKnown && start.low.add(everyKnown.low.mul(low - 1));
            const lastHigh: Fraction | undefined = !start ? undefined : high <= 1 ? start.high : everyKnown && start.high.add(everyKnown.high.mul(high - 1));
            end = lastLow !== undefined && lastHigh !== undefined ? { low: lastLow, high: lastHigh } : undefined;
            first = false;
        }
    }
    return { sessions: result, countsUnknown, daysUnknown: daysUnknown || countsUnknown, end: daysUnknown || countsUnknown ? undefined : end };
}

/**
 * The shortest time between two scheduled sessions `i` < `j` (positions in the schedule): the
 * low ends of the gaps between them, leaving out the optional sessions that may be skipped
 * (those of another phase than `j`'s). Undefined when a gap is unknown.
 */
export function shortestGap(schedule: ScheduledSession[], i: number, j: number): Fraction | undefined {
    let total = new Fraction(0);
    for (let m = i + 1; m <= j; m++) {
        const s = schedule[m];
        if (s.optional && s.phase !== schedule[j].phase) continue;
        if (!s.gapBefore) return undefined;
        total = total.add(s.gapBefore.low);
    }
    return total;
}

/** The number of sessions, mandatory (low) and in all (high). */
export function countOf(schedule: ScheduledSession[]): Span {
    return { low: new Fraction(schedule.filter(s => !s.optional).length), high: new Fraction(schedule.length) };
}
