import type { ValidationAcceptor } from 'langium';
import type { FollowsFact, MaxSessionsClause, NeedleSetting, Phase, PointsSetting, DeviceSetting, SkinTestResult } from '../generated/ast.js';
import { parseIsoDate } from '../semantics/patient-semantics.js';
import { IssueCodes } from './issue-codes.js';
import { report } from './report.js';

const WHOLE = /^[0-9]+$/;

function mustBeWhole(text: string | undefined, what: string, accept: ValidationAcceptor, node: Parameters<typeof report>[4]['node'], property: string): void {
    if (text !== undefined && !WHOLE.test(text)) {
        report(accept, 'error', IssueCodes.InvalidNumber, `${what} must be a whole number, not ${text}.`, { node, property });
    }
}

/** Counts are whole numbers, gauges are 18–34, dates exist. */
export const valueChecks = {
    checkPhaseCountMustBeWhole(phase: Phase, accept: ValidationAcceptor): void {
        mustBeWhole(phase.count, 'A number of sessions', accept, phase, 'count');
    },
    checkPointsMustBeWhole(points: PointsSetting, accept: ValidationAcceptor): void {
        mustBeWhole(points.count, 'A number of points', accept, points, 'count');
    },
    checkMaxSessionsMustBeWhole(clause: MaxSessionsClause, accept: ValidationAcceptor): void {
        mustBeWhole(clause.count, 'A number of sessions', accept, clause, 'count');
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
