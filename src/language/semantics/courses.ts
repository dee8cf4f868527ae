import { Fraction } from 'fraction.js';
import type { MaxConsecutiveClause, MaxCourseClause, MaxPointsClause, Substance } from '../generated/ast.js';
import { lookupUnit } from '../units/unit-table.js';
import { toMeasure } from '../units/quantity.js';
import { rulesInForce, type RuleOwner } from './library.js';
import { isMaxConsecutiveClause, isMaxCourseClause, isMaxPointsClause } from '../generated/ast.js';
import type { ProtocolSemantics, ScheduledSession, SessionFacts } from './protocol-semantics.js';

/**
 * Course-length rules of the substances a protocol gives: the longest run of consecutive days
 * (or weeks) on which a substance is given, and the length of its course from the first to
 * the last session that gives it; and the injection points a session gives a substance at.
 * Days are counted from session 1 (day 0); a session on day 2.5 falls on day 2, so `every 12 h`
 * puts two sessions on one day.
 */
export type CourseFinding =
    | { kind: 'consecutive'; substance: Substance; clause: MaxConsecutiveClause; from: RuleOwner; unit: 'days' | 'weeks'; max: Fraction; length: number; first: ScheduledSession; last: ScheduledSession }
    | { kind: 'course'; substance: Substance; clause: MaxCourseClause; from: RuleOwner; max: Fraction; length: Fraction; first: ScheduledSession; last: ScheduledSession };

/** The period of a `max N consecutive <period>` clause in days (1 or 7); undefined for any other unit. */
export function consecutivePeriodDays(clause: MaxConsecutiveClause): 1 | 7 | undefined {
    const spec = lookupUnit(clause.period);
    if (spec?.dimension !== 'time') return undefined;
    if (spec.factor.equals(1)) return 1;
    if (spec.factor.equals(7)) return 7;
    return undefined;
}

/**
 * Calendar day (or week) index of a scheduled session, at its earliest (`low`: every gap at its
 * low end, which packs sessions into the longest consecutive run) or latest (`high`).
 */
function periodIndex(s: ScheduledSession, periodDays: number, end: 'low' | 'high' = 'low'): number {
    return Number(s.day![end].div(periodDays).floor().valueOf());
}

/** The sessions of the schedule that give the substance (none when a day is unknown: its error says so). */
function sessionsGiving(semantics: ProtocolSemantics, substance: Substance): ScheduledSession[] {
    if (semantics.daysUnknown) return [];
    return semantics.schedule.filter(s => s.facts?.doses.some(d => d.substance === substance));
}

export function evaluateCourses(semantics: ProtocolSemantics): CourseFinding[] {
    const findings: CourseFinding[] = [];
    const substances = [...new Set(semantics.sessions.flatMap(s => s.doses.map(d => d.substance)))];
    for (const substance of substances) {
        const rules = rulesInForce(substance, semantics.profile);
        const consecutive = rules.filter(r => isMaxConsecutiveClause(r.clause));
        const course = rules.find(r => isMaxCourseClause(r.clause));
        if (consecutive.length === 0 && !course) continue;
        const using = sessionsGiving(semantics, substance);
        if (using.length === 0) continue;
        for (const { clause, from } of consecutive) {
            const c = clause as MaxConsecutiveClause;
            const period = consecutivePeriodDays(c);
            const max = /^[0-9]+$/.test(c.count) ? new Fraction(c.count) : undefined;
            if (!period || !max) continue;
            // Longest run of consecutive period indices that each hold a session giving it.
            let runStart = 0;
            for (let i = 0; i < using.length; i++) {
                if (i > 0 && periodIndex(using[i], period) - periodIndex(using[i - 1], period) > 1) runStart = i;
                const length = periodIndex(using[i], period) - periodIndex(using[runStart], period) + 1;
                if (max.compare(length) < 0) {
                    findings.push({ kind: 'consecutive', substance, clause: c, from, unit: period === 1 ? 'days' : 'weeks', max, length, first: using[runStart], last: using[i] });
                    break;
                }
            }
        }
        if (course) {
            const c = course.clause as MaxCourseClause;
            // A maximum in months counts its longest length (1 month: 31 days).
            const measure = toMeasure(c.length);
            const max = measure?.dimension === 'time' ? { value: measure.span.high } : undefined;
            if (!max) continue;
            const first = using[0];
            for (const s of using) {
                // Both the first and the last day count: sessions on days 0 and 27 make a 28-day course.
                // The longest it can be: the first session at its earliest, this one at its latest.
                const length = new Fraction(periodIndex(s, 1, 'high') - periodIndex(first, 1) + 1);
                if (length.compare(max.value) > 0) {
                    findings.push({ kind: 'course', substance, clause: c, from: course.from, max: max.value, length, first, last: s });
                    break;
                }
            }
        }
    }
    return findings;
}

/** A session that gives a substance at more points than its `max N points per session`. */
export interface PointsFinding {
    readonly session: SessionFacts;
    readonly substance: Substance;
    readonly clause: MaxPointsClause;
    readonly from: RuleOwner;
    readonly points: number;
}

export function evaluateSubstancePoints(semantics: ProtocolSemantics): PointsFinding[] {
    const findings: PointsFinding[] = [];
    for (const session of semantics.sessions) {
        for (const dose of session.doses) {
            const rule = rulesInForce(dose.substance, semantics.profile).find(r => isMaxPointsClause(r.clause));
            if (!rule) continue;
            const clause = rule.clause as MaxPointsClause;
            const carrying = session.injects.filter(i => i.doses.some(d => d.substance === dose.substance));
            // Unknown points (a technique without `N points`) are not counted as 0; a range counts its top.
            // Into areas, each area gets the technique's points (or its grid's): `points` sums them.
            if (carrying.some(i => i.points === undefined) || !/^[0-9]+$/.test(clause.count)) continue;
            const points = carrying.reduce((sum, i) => sum + Number(i.points!.high.valueOf()), 0);
            if (points > Number(clause.count)) findings.push({ session, substance: dose.substance, clause, from: rule.from, points });
        }
    }
    return findings;
}
