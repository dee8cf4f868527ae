import type { AstNode, ValidationAcceptor } from 'langium';
import {
    isComponent, isConcentrationClause, isDepthSetting, isDurationClause, isLayer, isLimit, isMaxAmountClause,
    isMaxCourseClause, isMinIntervalClause, isNeedleSetting, isPatientsFromClause, isPhase, isSkinTestPlan, isVolumePerPointSetting,
    isWeightFact, type LimitValue, type Quantity, type Unit
} from '../../generated/ast.js';
import { lookupUnit, unitSpellings, type Dimension } from '../../units/unit-table.js';
import { unitText } from '../../units/quantity.js';
import { IssueCodes } from '../issue-codes.js';
import { report } from '../report.js';
import { closest } from '../spelling.js';

const dimensionNames: Record<Dimension, string> = {
    'mass': 'a mass (mg, g, mcg)',
    'volume': 'a volume (mL, L)',
    'length': 'a length (mm, cm)',
    'body-weight': 'a body weight (kg)',
    'concentration': 'a concentration (mg/mL, %, g/L)',
    'activity': 'an activity (IU)',
    'activity-concentration': 'an activity concentration (IU/mL)',
    'dose-per-weight': 'a dose per weight (mg/kg)',
    'time': 'a time (min, h, days, weeks)'
};

/** The dimensions a quantity may have where it stands, and how to name the slot. */
function expectedFor(q: Quantity): { dims: Dimension[]; slot: string } | undefined {
    return slotOf(q.$container, q.$containerProperty);
}

/** The dimensions a quantity may have as `property` of `c` (also used by completion). */
export function slotOf(c: AstNode | undefined, prop: string | undefined): { dims: Dimension[]; slot: string } | undefined {
    if (isConcentrationClause(c)) {
        if (prop === 'per') return { dims: ['volume'], slot: 'an ampoule volume' };
        return c.per ? { dims: ['mass', 'activity'], slot: 'an ampoule content' }
            : { dims: ['concentration', 'activity-concentration'], slot: 'a concentration' };
    }
    if (isMaxAmountClause(c)) {
        if (c.scope === 'point') return { dims: ['mass', 'activity', 'volume'], slot: 'a maximum per point' };
        return { dims: c.scope === 'cycle' ? ['mass', 'activity'] : ['mass', 'activity', 'dose-per-weight'], slot: 'a maximum' };
    }
    if (isMaxCourseClause(c)) return { dims: ['time'], slot: 'a course length' };
    if (isMinIntervalClause(c)) return { dims: ['time'], slot: 'an interval' };
    if (isLayer(c)) return { dims: ['length'], slot: 'a layer depth' };
    if (isComponent(c)) return { dims: ['volume', 'mass', 'activity'], slot: 'a mixture component' };
    if (isNeedleSetting(c)) return { dims: ['length'], slot: 'a needle length' };
    if (isDepthSetting(c)) return { dims: ['length'], slot: 'a depth' };
    if (isVolumePerPointSetting(c)) return { dims: ['volume'], slot: 'a volume per point' };
    if (isDurationClause(c) || isPhase(c) || isSkinTestPlan(c)) return { dims: ['time'], slot: 'a time' };
    if (isPatientsFromClause(c) || isWeightFact(c)) return { dims: ['body-weight'], slot: 'a body weight' };
    return undefined;
}

/** Dimension a limit's value must have, per metric; undefined = a plain count (also used by completion). */
export const limitDimension: Readonly<Record<string, Dimension | undefined>> = {
    'interval': 'time',
    'volume per point': 'volume',
    'volume per session': 'volume',
    'needle length': 'length',
    'depth': 'length'
};

function checkUnit(unit: Unit, allowed: Dimension[], slot: string, accept: ValidationAcceptor): void {
    const text = unitText(unit);
    const spec = lookupUnit(text);
    if (!spec) {
        const suggestion = closest(text, unitSpellings());
        report(accept, 'error', IssueCodes.UnknownUnit,
            `Unknown unit '${text}'.${suggestion ? ` Did you mean '${suggestion}'?` : ''} Expected ${allowed.map(d => dimensionNames[d]).join(' or ')}.`,
            { node: unit, data: { unit: text, suggestion } });
    } else if (!allowed.includes(spec.dimension)) {
        report(accept, 'error', IssueCodes.UnitMismatch,
            `'${text}' is ${dimensionNames[spec.dimension]}, but ${slot} needs ${allowed.map(d => dimensionNames[d]).join(' or ')}.`,
            { node: unit, data: { unit: text, expected: allowed } });
    }
}

export function checkQuantityUnit(q: Quantity, accept: ValidationAcceptor): void {
    const expected = expectedFor(q);
    if (expected && q.unit) checkUnit(q.unit, expected.dims, expected.slot, accept);
}

export function checkLimitValueUnit(v: LimitValue, accept: ValidationAcceptor): void {
    const limit = v.$container;
    if (!isLimit(limit)) return;
    const dim = limitDimension[limit.metric];
    if (dim === undefined) {
        if (v.unit) report(accept, 'error', IssueCodes.UnitMismatch, `'${limit.metric}' is a count and takes no unit.`, { node: v, property: 'unit', data: { unit: unitText(v.unit) } });
    } else if (!v.unit) {
        report(accept, 'error', IssueCodes.UnitMismatch, `A limit on '${limit.metric}' needs ${dimensionNames[dim]}.`, { node: v, property: 'value' });
    } else {
        checkUnit(v.unit, [dim], `a limit on '${limit.metric}'`, accept);
    }
}
