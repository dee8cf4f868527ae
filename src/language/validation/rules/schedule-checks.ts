import type { ValidationAcceptor } from 'langium';
import { Fraction } from 'fraction.js';
import type { Phase, Protocol, Quantity } from '../../generated/ast.js';
import type { MesoServices } from '../../meso-module.js';
import { maxSessionsOf, minIntervalOf, provenanceOf } from '../../semantics/library.js';
import { violates } from '../../semantics/limits.js';
import { evaluateCourses } from '../../semantics/courses.js';
import { skinTestNeeds, skinTestPlanOf, skinTestSeverity } from '../../semantics/skin-test.js';
import { skinTestReason } from './skin-test-text.js';
import type { ScheduledSession } from '../../semantics/protocol-semantics.js';
import { shortestGap } from '../../semantics/schedule.js';
import { formatNumber, toMeasure } from '../../units/quantity.js';
import { IssueCodes } from '../issue-codes.js';
import { relatedTo } from '../related.js';
import { report } from '../report.js';
import { msg, type MessageArg } from '../../i18n/translate.js';
import { provenanceNote } from '../message-parts.js';

/** The quantity that sets the gap before a scheduled session: the phase's `after` for its first session, else `every`. */
function gapTarget(s: ScheduledSession, previous: ScheduledSession): { node: Phase; property: 'gap' | 'interval' } {
    const firstOfPhase = previous.phase !== s.phase;
    return { node: s.phase, property: firstOfPhase && s.phase.gap ? 'gap' : 'interval' };
}

/** The count of a phase that a session belongs to: its high end when the session is optional. */
function countTarget(s: ScheduledSession): { node: Phase; property: 'count' | 'countHigh' } {
    return { node: s.phase, property: s.optional && s.phase.countHigh !== undefined ? 'countHigh' : 'count' };
}

const days = (f: Fraction): MessageArg => msg('part.dayCount', { n: f.valueOf(), days: formatNumber(f) });

/** `7 days`, or `as little as 7 days` when a range of gaps lies between the two sessions. */
function atLeast(gap: Fraction, schedule: ScheduledSession[], i: number, j: number): MessageArg {
    const ranged = schedule.slice(i + 1, j + 1).some(s => s.optional || (s.gapBefore && !s.gapBefore.low.equals(s.gapBefore.high)));
    return ranged ? msg('part.asLittleAs', { days: days(gap) }) : days(gap);
}

/** sessions-per-cycle, interval-too-short, missing-skin-test. */
export class ScheduleChecks {
    constructor(private readonly services: MesoServices) {}

    checkSchedule(protocol: Protocol, accept: ValidationAcceptor): void {
        const semantics = this.services.semantics.Semantics.protocol(protocol);
        const rules = this.services.semantics.Rules;
        const cycle = semantics.schedule.filter(s => !s.maintenance);
        // With a count unknown the cycle's length is not known: its error says so.
        const counted = semantics.countsUnknown ? [] : rules.limitsFor(protocol, 'sessions per cycle', semantics.indication);
        const mandatory = cycle.filter(s => !s.optional).length;
        for (const limit of counted) {
            if (!violates(limit, new Fraction(cycle.length)) || !limit.max) continue;
            const firstOver = cycle[Number(limit.max.value.floor().valueOf()) + (limit.max.inclusive ? 0 : -1)] ?? cycle[cycle.length - 1];
            const sessions = mandatory === cycle.length ? `${cycle.length}` : msg('part.upToSessions', { n: cycle.length, low: mandatory });
            report(accept, limit.severity, IssueCodes.SessionsPerCycle,
                msg('diag.sessionsPerCycle', {
                    sessions, for: limit.limit.indication ? msg('part.forIndication', { indication: limit.limit.indication }) : '',
                    max: formatNumber(limit.max.value), note: provenanceNote(limit.limit, limit.limit.source)
                }),
                { ...countTarget(firstOver), relatedInformation: relatedTo(limit.limit, 'related.limit'), data: { max: limit.max.value.valueOf() } });
        }
        for (const total of semantics.countsUnknown ? [] : semantics.totals.cycleSubstances) {
            const clause = maxSessionsOf(total.substance, semantics.profile);
            const max = clause && /^[0-9]+$/.test(clause.count) ? Number(clause.count) : undefined;
            if (max === undefined) continue;
            const using = cycle.filter(s => s.facts?.doses.some(d => d.substance === total.substance));
            if (using.length <= max) continue;
            const p = provenanceOf(clause!);
            report(accept, (clause!.severity ?? 'warning') as 'warning', IssueCodes.SessionsPerCycle,
                msg('diag.sessionsPerCycle.substance', { substance: total.substance.name, count: using.length, max, note: provenanceNote(clause!, p.source) }),
                { ...countTarget(using[max]), relatedInformation: relatedTo(clause!, 'related.maximum'), data: { max } });
        }
        this.checkIntervals(protocol, accept);
        this.checkSkinTestPlanned(protocol, accept);
        this.checkCourses(protocol, accept);
    }

    /** missing-skin-test: a policy in scope or a substance given asks for a test, and the protocol neither plans one nor records that none is needed. */
    private checkSkinTestPlanned(protocol: Protocol, accept: ValidationAcceptor): void {
        if (skinTestPlanOf(protocol)) return;
        const semantics = this.services.semantics.Semantics.protocol(protocol);
        for (const need of skinTestNeeds(semantics, this.services.semantics.Rules.skinTestRequirement(protocol))) {
            report(accept, skinTestSeverity(need), IssueCodes.MissingSkinTest,
                msg('diag.missingSkinTest.protocol', { protocol: protocol.name, reason: skinTestReason(need) }),
                { node: protocol, property: 'name', relatedInformation: relatedTo(need.kind === 'policy' ? need.requirement : need.rule.clause, 'related.skinTest') });
        }
    }

    /** course-too-long: `max N consecutive days|weeks` and `max course D` of the substances given. */
    private checkCourses(protocol: Protocol, accept: ValidationAcceptor): void {
        const semantics = this.services.semantics.Semantics.protocol(protocol);
        for (const f of evaluateCourses(semantics)) {
            const p = provenanceOf(f.clause);
            const from = f.from.name === f.substance.name ? '' : msg('part.fromClass', { name: f.from.name });
            const limit = f.kind === 'consecutive'
                ? msg(`part.course.maxConsecutive.${f.unit}`, { max: formatNumber(f.max), from })
                : msg('part.course.longest', { days: days(f.max), from });
            const what = f.kind === 'consecutive'
                ? msg(`part.course.onConsecutive.${f.unit}`, { n: f.length })
                : msg('part.course.over', { days: days(f.length) });
            report(accept, (f.clause.severity ?? 'warning') as 'warning', IssueCodes.CourseTooLong,
                msg('diag.courseTooLong', { substance: f.substance.name, what, first: f.first.index, last: f.last.index, limit, note: provenanceNote(f.clause, p.source) }),
                { node: f.last.phase, property: 'count', relatedInformation: relatedTo(f.clause, 'related.maximum'), data: { substance: f.substance.name } });
        }
    }

    private checkIntervals(protocol: Protocol, accept: ValidationAcceptor): void {
        const semantics = this.services.semantics.Semantics.protocol(protocol);
        const schedule = semantics.schedule;
        const reported = new Set<string>();
        const once = (key: string) => !reported.has(key) && !!reported.add(key);
        // Every gap between two consecutive sessions is a phase's `every` or `after` (skipping
        // optional sessions joins two sessions by the same gaps); its low end is the worst case.
        for (const limit of this.services.semantics.Rules.limitsFor(protocol, 'interval', semantics.indication)) {
            for (let i = 1; i < schedule.length; i++) {
                const gapSpan = schedule[i].gapBefore;
                if (!gapSpan) continue;
                const gap = gapSpan.low;
                if (!violates(limit, gap)) continue;
                const target = gapTarget(schedule[i], schedule[i - 1]);
                if (!once(`limit|${target.node.$cstNode?.offset}|${target.property}`)) continue;
                report(accept, limit.severity, IssueCodes.IntervalTooShort,
                    msg('diag.intervalTooShort', {
                        a: schedule[i - 1].index, b: schedule[i].index, gap: gapSpan.low.equals(gapSpan.high) ? days(gap) : msg('part.asLittleAs', { days: days(gap) }),
                        min: days(limit.min?.value ?? gap), note: provenanceNote(limit.limit, limit.limit.source)
                    }),
                    { ...target, relatedInformation: relatedTo(limit.limit, 'related.limit'), data: { min: limit.min?.value.valueOf() } });
            }
        }
        for (const total of semantics.totals.substances) {
            const clause = minIntervalOf(total.substance, semantics.profile);
            const amount = clause && this.minDays(clause.interval);
            if (!clause || !amount) continue;
            const using = schedule.map((s, at) => ({ s, at })).filter(({ s }) => s.facts?.doses.some(d => d.substance === total.substance));
            for (let i = 1; i < using.length; i++) {
                const gap = shortestGap(schedule, using[i - 1].at, using[i].at);
                if (gap === undefined || gap.compare(amount) >= 0) continue;
                const target = gapTarget(using[i].s, schedule[using[i].at - 1]);
                if (!once(`substance|${total.substance.name}|${target.node.$cstNode?.offset}|${target.property}`)) continue;
                const p = provenanceOf(clause);
                report(accept, (clause.severity ?? 'warning') as 'warning', IssueCodes.IntervalTooShort,
                    msg('diag.intervalTooShort.substance', {
                        substance: total.substance.name, a: using[i - 1].s.index, b: using[i].s.index,
                        gap: atLeast(gap, schedule, using[i - 1].at, using[i].at), min: days(amount), note: provenanceNote(clause, p.source)
                    }),
                    { ...target, relatedInformation: relatedTo(clause, 'related.minInterval'), data: { min: amount.valueOf() } });
            }
        }
    }

    /** A minimum in calendar months counts as its shortest length (1 month: 28 days). */
    private minDays(q: Quantity): Fraction | undefined {
        const m = toMeasure(q);
        return m?.dimension === 'time' ? m.span.low : undefined;
    }
}
