import type { ValidationAcceptor } from 'langium';
import { isAliasesClause, isConcentrationClause, isSchedule, type FollowsFact, type MaxConsecutiveClause, type MaxPointsClause, type MaxSessionsClause, type SubstanceClass, type NeedleSetting, type Phase, type PointsSetting, type DeviceSetting, type Protocol, type SkinTestResult } from '../../generated/ast.js';
import { parseIsoDate } from '../../semantics/patient-semantics.js';
import { count, MAX_COUNT } from '../../semantics/counts.js';
import { consecutivePeriodDays } from '../../semantics/courses.js';
import { lookupUnit } from '../../units/unit-table.js';
import { toMeasure, unitText } from '../../units/quantity.js';
import { IssueCodes } from '../issue-codes.js';
import { report } from '../report.js';

const WHOLE = /^[0-9]+$/;

function mustBeWhole(text: string | undefined, what: string, accept: ValidationAcceptor, node: Parameters<typeof report>[4]['node'], property: string): void {
    if (text !== undefined && !WHOLE.test(text)) {
        report(accept, 'error', IssueCodes.InvalidNumber, `${what} must be a whole number, not ${text}.`, { node, property });
    }
}

/** A whole number from 1 to `max` (a count the semantics can lay out). */
function mustBeCount(text: string | undefined, what: string, max: number, accept: ValidationAcceptor, node: Parameters<typeof report>[4]['node'], property: string): void {
    if (text === undefined) return;
    if (!WHOLE.test(text)) {
        report(accept, 'error', IssueCodes.InvalidNumber, `${what} must be a whole number, not ${text}.`, { node, property });
    } else if (Number(text) < 1 || Number(text) > max) {
        report(accept, 'error', IssueCodes.InvalidNumber, `${what} must be from 1 to ${max.toLocaleString('en-US')}, not ${text}.`, { node, property });
    }
}

/** A phase's `every` and `after` must be more than 0 days (both ends of a range): two sessions are never on one day. */
function mustBePositiveTime(q: Phase['interval'] | undefined, word: string, accept: ValidationAcceptor, phase: Phase, property: 'interval' | 'gap'): void {
    const measure = q ? toMeasure(q) : undefined;
    if (measure && measure.dimension === 'time' && measure.span.low.compare(0) <= 0) {
        report(accept, 'error', IssueCodes.InvalidNumber, `'${word} ${q!.$cstNode?.text ?? `${q!.value} ${unitText(q!.unit)}`}' puts two sessions on the same day: write a time of more than 0.`, { node: phase, property });
    }
}

/** The high end of a count range (`20-30 points`) is a count too, and not below the low end. */
function mustBeCountRange(low: string | undefined, high: string | undefined, what: string, max: number, accept: ValidationAcceptor, node: Parameters<typeof report>[4]['node'], property: string, note: string): void {
    if (high === undefined) return;
    mustBeCount(high, what, max, accept, node, property);
    if (low !== undefined && WHOLE.test(low) && WHOLE.test(high) && Number(low) > Number(high)) {
        report(accept, 'error', IssueCodes.InvalidRange, `The range '${low}-${high}' runs backwards: write its low end first.${note}`, { node, property });
    }
}

/** Counts are whole numbers within bounds, intervals are not 0, gauges are 18–34, dates exist. */
export const valueChecks = {
    checkPhaseCountMustBeWhole(phase: Phase, accept: ValidationAcceptor): void {
        mustBeCount(phase.count, 'A number of sessions', MAX_COUNT.sessionsPerPhase, accept, phase, 'count');
        mustBeCountRange(phase.count, phase.countHigh, 'A number of sessions', MAX_COUNT.sessionsPerPhase, accept, phase, 'countHigh',
            ' Until it is fixed, the counts, totals and days of the schedule from here on are not checked.');
        mustBePositiveTime(phase.interval, 'every', accept, phase, 'interval');
        mustBePositiveTime(phase.gap, 'after', accept, phase, 'gap');
    },
    checkPointsMustBeWhole(points: PointsSetting, accept: ValidationAcceptor): void {
        mustBeCount(points.count, 'A number of points', MAX_COUNT.points, accept, points, 'count');
        mustBeCountRange(points.count, points.countHigh, 'A number of points', MAX_COUNT.points, accept, points, 'countHigh',
            ` Until it is fixed, the doses injected with technique '${points.$container.name}' are not checked.`);
    },
    /**
     * A phase of more than one session needs `every`, and a phase after another needs `after`
     * or `every`: without them the days of the schedule are unknown, never 0.
     */
    checkPhasesMustHaveIntervals(protocol: Protocol, accept: ValidationAcceptor): void {
        const phases = protocol.members.filter(isSchedule).flatMap(s => s.phases);
        phases.forEach((phase, i) => {
            if (phase.interval) return;
            const most = phase.countHigh ?? phase.count;
            const sessions = `${phase.countHigh ? `${phase.count}-${phase.countHigh}` : phase.count} sessions`;
            const name = phase.name ? `Phase '${phase.name}'` : 'The maintenance phase';
            if (most !== undefined && WHOLE.test(most) && Number(most) > 1) {
                report(accept, 'error', IssueCodes.MissingInterval,
                    `${name} has ${sessions} but no 'every <time>': how far apart are they? Until it is given, the days of the schedule from here on are not checked.`,
                    { node: phase, property: phase.countHigh ? 'countHigh' : 'count' });
            } else if (i > 0 && !phase.gap) {
                report(accept, 'error', IssueCodes.MissingInterval,
                    `${name} follows another phase but gives neither 'after <time>' nor 'every <time>': when does it start? Until it is given, the days of the schedule from here on are not checked.`,
                    { node: phase, property: 'session' });
            }
        });
    },
    /** The sessions of all phases are laid out one by one: their total is bounded. */
    checkScheduleMustBeBounded(protocol: Protocol, accept: ValidationAcceptor): void {
        const phases = protocol.members.filter(isSchedule).flatMap(s => s.phases);
        // Counts out of their own bounds are reported on the phase and not added here.
        const total = phases.reduce((sum, p) => sum + (count(p.countHigh ?? p.count, MAX_COUNT.sessionsPerPhase) ?? 0), 0);
        if (total > MAX_COUNT.scheduledSessions) {
            report(accept, 'error', IssueCodes.InvalidNumber,
                `Protocol '${protocol.name}' schedules ${total.toLocaleString('en-US')} sessions; at most ${MAX_COUNT.scheduledSessions.toLocaleString('en-US')} are checked.`,
                { node: protocol, property: 'name' });
        }
    },
    checkMaxSessionsMustBeWhole(clause: MaxSessionsClause, accept: ValidationAcceptor): void {
        mustBeWhole(clause.count, 'A number of sessions', accept, clause, 'count');
    },
    checkMaxPointsMustBeWhole(clause: MaxPointsClause, accept: ValidationAcceptor): void {
        mustBeWhole(clause.count, 'A number of points', accept, clause, 'count');
    },
    /** `max 5 consecutive days` or `weeks`: a whole count of days or weeks. */
    checkMaxConsecutiveMustCountDaysOrWeeks(clause: MaxConsecutiveClause, accept: ValidationAcceptor): void {
        mustBeWhole(clause.count, 'A number of consecutive days or weeks', accept, clause, 'count');
        if (consecutivePeriodDays(clause)) return;
        const known = lookupUnit(clause.period) !== undefined;
        report(accept, 'error', known ? IssueCodes.UnitMismatch : IssueCodes.UnknownUnit,
            `'${clause.period}' ${known ? 'is not a period of' : 'is not a unit:'} consecutive days or weeks: write 'days' or 'weeks'.`,
            { node: clause, property: 'period' });
    },
    /** A class has no aliases or concentration of its own: those belong to its members. */
    checkClassClausesMustApplyToMembers(c: SubstanceClass, accept: ValidationAcceptor): void {
        for (const clause of c.clauses) {
            if (!isAliasesClause(clause) && !isConcentrationClause(clause)) continue;
            report(accept, 'error', IssueCodes.MisplacedClause,
                `'${isAliasesClause(clause) ? 'aliases' : 'concentration'}' belongs on a substance, not on class '${c.name}': a class holds rules for its members (caps, contraindications, layers, skin test, mixing) and parent classes.`,
                { node: clause });
        }
    },
    checkDeviceNeedlesMustBeWhole(device: DeviceSetting, accept: ValidationAcceptor): void {
        mustBeWhole(device.needles, 'A number of needles', accept, device, 'needles');
    },
    checkGaugeMustBeInRange(needle: NeedleSetting, accept: ValidationAcceptor): void {
        const g = Number(needle.gauge);
        if (!WHOLE.test(needle.gauge) || g < 18 || g > 34) {
            report(accept, 'error', IssueCodes.InvalidNumber, `Needle gauge ${needle.gauge}G is not a gauge: write a whole number from 18 to 34, e.g. 30G.`,
                { node: needle, property: 'gauge' });
        }
    },
    checkFollowDateMustExist(fact: FollowsFact, accept: ValidationAcceptor): void {
        if (parseIsoDate(fact.start) === undefined) {
            report(accept, 'error', IssueCodes.InvalidDate, `${fact.start} is not a calendar date (YYYY-MM-DD).`, { node: fact, property: 'start' });
        }
    },
    checkSkinTestDateMustExist(fact: SkinTestResult, accept: ValidationAcceptor): void {
        if (parseIsoDate(fact.date) === undefined) {
            report(accept, 'error', IssueCodes.InvalidDate, `${fact.date} is not a calendar date (YYYY-MM-DD).`, { node: fact, property: 'date' });
        }
    }
};
