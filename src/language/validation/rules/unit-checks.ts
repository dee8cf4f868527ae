import type { AstNode, ValidationAcceptor } from 'langium';
import {
    isAreaClause, isCareItem, isComponent, isWashoutClause, isConcentrationClause, isDepthSetting, isDurationClause, isLayer, isLimit, isMaxAmountClause,
    isMaxCourseClause, isMinIntervalClause, isNeedleSetting, isPatientsFromClause, isPhase, isSkinTestPlan, isSyringeSetting, isVolumePerPointSetting,
    isWeightFact, isIngredient, isPresentationClause, isProduct, type Component, type LimitValue, type Quantity, type Unit
} from '../../generated/ast.js';
import { PRESENTATION_UNITS, productFacts } from '../../semantics/strengths.js';
import { lookupUnit, unitSpellings, type Dimension } from '../../units/unit-table.js';
import { MAX_MONTHS, toMeasure, unitText } from '../../units/quantity.js';
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
    'time': 'a time (min, h, days, weeks, months)',
    'area': 'an area (cm², mm²)'
};

/**
 * Where a quantity stands: the dimensions it may have, how to name the slot, whether a range
 * (`0.1-0.2 mL`) may stand there (where a protocol says how much, how deep, how many, how often;
 * not where the library states one figure: a strength, a cap, a band, a weight), and what is
 * left unchecked while it cannot be read (said once, in the diagnostic on it).
 */
export interface Slot {
    readonly dims: Dimension[];
    readonly slot: string;
    readonly range: boolean;
    readonly unchecked?: string;
}

function expectedFor(q: Quantity): Slot | undefined {
    return slotOf(q.$container, q.$containerProperty);
}

const named = (node: AstNode | undefined, kind: string): string => {
    const name = node && 'name' in node && typeof node.name === 'string' ? node.name : undefined;
    return name ? `${kind} '${name}'` : `this ${kind}`;
};

/** The slot of a quantity as `property` of `c` (also used by completion). */
export function slotOf(c: AstNode | undefined, prop: string | undefined): Slot | undefined {
    if (isConcentrationClause(c)) {
        const unchecked = `no dose of ${named(c.$container, 'substance')} is worked out from its concentration`;
        if (prop === 'per') return { dims: ['volume'], slot: 'an ampoule volume', range: false, unchecked };
        return c.per ? { dims: ['mass', 'activity'], slot: 'an ampoule content', range: false, unchecked }
            : { dims: ['concentration', 'activity-concentration'], slot: 'a concentration', range: false, unchecked };
    }
    if (isMaxAmountClause(c)) {
        if (c.scope === 'point') return { dims: ['mass', 'activity', 'volume'], slot: 'a maximum per point', range: false, unchecked: 'this maximum is not checked' };
        return { dims: c.scope === 'cycle' || c.scope === 'area per session' ? ['mass', 'activity'] : ['mass', 'activity', 'dose-per-weight'], slot: 'a maximum', range: false, unchecked: 'this maximum is not checked' };
    }
    if (isAreaClause(c)) {
        const unchecked = `the points of ${named(c, 'area')} are not derived or checked`;
        return prop === 'spacing' ? { dims: ['length'], slot: 'a spacing of points', range: false, unchecked }
            : { dims: ['area'], slot: 'an area size', range: false, unchecked };
    }
    if (isCareItem(c)) {
        return prop === 'duration' ? { dims: ['time'], slot: 'a time', range: true }
            : { dims: ['mass', 'volume', 'activity'], slot: 'an amount of care', range: true, unchecked: 'this amount does not count toward the caps' };
    }
    if (isWashoutClause(c)) return { dims: ['time'], slot: 'a washout period', range: false, unchecked: 'the medicine counts as taken only until its last day' };
    if (isMaxCourseClause(c)) return { dims: ['time'], slot: 'a course length', range: false, unchecked: 'this course length is not checked' };
    if (isMinIntervalClause(c)) return { dims: ['time'], slot: 'an interval', range: false, unchecked: 'this minimum interval is not checked' };
    if (isLayer(c)) return { dims: ['length'], slot: 'a layer depth', range: false, unchecked: `the band of ${named(c, 'layer')} is not used` };
    if (isComponent(c)) {
        const unchecked = `the doses drawn from ${named(c.$container, 'mixture')} are not checked`;
        if (prop === 'strength') return c.per ? { dims: ['mass', 'activity'], slot: 'the amount of a strength', range: true, unchecked }
            : { dims: ['concentration', 'activity-concentration'], slot: 'a strength', range: true, unchecked };
        if (prop === 'per') return { dims: ['volume'], slot: 'the volume of a strength', range: true, unchecked };
        return { dims: ['volume', 'mass', 'activity'], slot: 'a mixture component', range: true, unchecked };
    }
    if (isIngredient(c)) {
        const unchecked = `no dose of '${c.substance?.$refText ?? '?'}' is worked out from ${named(c.$container, 'product')}`;
        if (prop === 'per') return { dims: ['volume'], slot: 'the volume of a strength', range: false, unchecked };
        return c.per ? { dims: ['mass', 'activity'], slot: 'the amount of a strength', range: false, unchecked }
            : { dims: ['concentration', 'activity-concentration', 'mass', 'activity'], slot: 'a strength', range: false, unchecked };
    }
    if (isPresentationClause(c)) return { dims: ['volume'], slot: `the volume of one ${c.kind}`, range: false, unchecked: `the ampoules of ${named(c.$container, 'product')} are not counted` };
    if (isNeedleSetting(c)) return { dims: ['length'], slot: 'a needle length', range: true, unchecked: 'the needle is not checked' };
    if (isDepthSetting(c)) return { dims: ['length'], slot: 'a depth', range: true, unchecked: 'the depth is not checked' };
    if (isVolumePerPointSetting(c)) return { dims: ['volume'], slot: 'a volume per point', range: true, unchecked: `the doses injected with ${named(c.$container, 'technique')} are not checked` };
    if (isSyringeSetting(c)) return { dims: ['volume'], slot: 'a syringe capacity', range: false, unchecked: 'what the syringe must hold is not checked' };
    if (isPhase(c)) return { dims: ['time'], slot: 'a time', range: true, unchecked: 'the days of the schedule from here on are not checked' };
    if (isDurationClause(c) || isSkinTestPlan(c)) return { dims: ['time'], slot: 'a time', range: true };
    if (isPatientsFromClause(c)) return { dims: ['body-weight'], slot: 'a body weight', range: false, unchecked: 'the caps per kg of body weight are not checked' };
    if (isWeightFact(c)) return { dims: ['body-weight'], slot: 'a body weight', range: false, unchecked: `the caps per kg are not checked with ${named(c.$container, 'patient')}'s weight` };
    return undefined;
}

/** `; until it is fixed, …` — what an unreadable figure leaves unchecked. */
function uncheckedNote(slot: Slot | undefined): string {
    return slot?.unchecked ? ` Until it is fixed, ${slot.unchecked}.` : '';
}

/** Dimension a limit's value must have, per metric; undefined = a plain count (also used by completion). */
export const limitDimension: Readonly<Record<string, Dimension | undefined>> = {
    'interval': 'time',
    'volume per point': 'volume',
    'volume per session': 'volume',
    'needle length': 'length',
    'depth': 'length'
};

/** Checks one unit; true when it is known and of an allowed dimension. */
function checkUnit(unit: Unit, allowed: Dimension[], slot: string, accept: ValidationAcceptor, note = ''): boolean {
    const text = unitText(unit);
    const spec = lookupUnit(text);
    if (!spec) {
        // Only the units the slot accepts are suggested: a mass is never offered for a volume.
        const suggestion = closest(text, allowed.flatMap(d => unitSpellings(d)));
        report(accept, 'error', IssueCodes.UnknownUnit,
            `Unknown unit '${text}'.${suggestion ? ` Did you mean '${suggestion}'?` : ''} Expected ${allowed.map(d => dimensionNames[d]).join(' or ')}.${note}`,
            { node: unit, data: { unit: text, suggestion } });
        return false;
    }
    if (!allowed.includes(spec.dimension)) {
        report(accept, 'error', IssueCodes.UnitMismatch,
            `'${text}' is ${dimensionNames[spec.dimension]}, but ${slot} needs ${allowed.map(d => dimensionNames[d]).join(' or ')}.${note}`,
            { node: unit, data: { unit: text, expected: allowed } });
        return false;
    }
    return true;
}

export function checkQuantityUnit(q: Quantity, accept: ValidationAcceptor): void {
    const expected = expectedFor(q);
    if (!expected || !q.unit) return;
    const note = uncheckedNote(expected);
    if (isComponent(q.$container) && q.$containerProperty === 'quantity' && PRESENTATION_UNITS.has(q.unit.symbol ?? '')) {
        checkPresentationCount(q, q.$container, accept, note);
        return;
    }
    const lowOk = checkUnit(q.unit, expected.dims, expected.slot, accept, note);
    const highOk = !q.highUnit || checkUnit(q.highUnit, expected.dims, expected.slot, accept, note);
    if (!lowOk || !highOk) return;
    // Calendar months are counted whole: `1.5 months` has no calendar meaning.
    const badMonths = [[q.value, q.unit], [q.high, q.highUnit ?? q.unit]].find(([v, u]) => v !== undefined && lookupUnit(unitText(u as Unit))?.months
        && !(/^[0-9]+$/.test(v as string) && Number(v) >= 1 && Number(v) <= MAX_MONTHS));
    if (badMonths) {
        report(accept, 'error', IssueCodes.InvalidNumber,
            `A number of months must be a whole number from 1 to ${MAX_MONTHS.toLocaleString('en-US')}, not ${String(badMonths[0])}: write weeks or days for part of a month.${note}`, { node: q });
        return;
    }
    if (q.high === undefined) return;
    if (!expected.range) {
        report(accept, 'error', IssueCodes.InvalidRange,
            `${capitalised(expected.slot)} is one figure here, not a range: write a single value.${note}`, { node: q });
        return;
    }
    const low = lookupUnit(unitText(q.unit))!;
    const high = lookupUnit(unitText(q.highUnit ?? q.unit))!;
    if (low.dimension !== high.dimension) {
        report(accept, 'error', IssueCodes.UnitMismatch,
            `The two ends of '${q.$cstNode?.text ?? ''}' are of different kinds: ${dimensionNames[low.dimension]} and ${dimensionNames[high.dimension]}.${note}`, { node: q });
    } else if (!toMeasure(q)) {
        report(accept, 'error', IssueCodes.InvalidRange,
            `The range '${q.$cstNode?.text ?? ''}' runs backwards: write its low end first.${note}`, { node: q });
    }
}

/** `oki 1 ampoule`: only a product that states what one ampoule or vial holds can be counted so. */
function checkPresentationCount(q: Quantity, component: Component, accept: ValidationAcceptor, note: string): void {
    const named = component.substance?.ref;
    const unit = q.unit.symbol ?? '';
    if (!isProduct(named)) {
        if (!named) return;
        report(accept, 'error', IssueCodes.UnitMismatch,
            `'${unit}' counts the ampoules or vials of a product, but '${named.name}' is a substance: give it in mL or in mg, or declare a product with its ampoule (\`ampoule 2 mL\`).${note}`,
            { node: q.unit, data: { unit, expected: ['volume', 'mass', 'activity'] } });
    } else if (!productFacts(named).presentationMl) {
        report(accept, 'error', IssueCodes.UnitMismatch,
            `Product '${named.name}' does not state what one ampoule or vial holds, so '${unit}' cannot be counted: add \`ampoule <volume>\` to it, or give a volume in mL.${note}`,
            { node: q.unit, data: { unit, expected: ['volume', 'mass', 'activity'] } });
    } else if (q.highUnit && !PRESENTATION_UNITS.has(q.highUnit.symbol ?? '')) {
        report(accept, 'error', IssueCodes.UnitMismatch, `The two ends of '${q.$cstNode?.text ?? ''}' are of different kinds: ampoules and ${unitText(q.highUnit)}.${note}`, { node: q });
    } else if (!/^[0-9]+$/.test(q.value) || (q.high !== undefined && !/^[0-9]+$/.test(q.high))) {
        report(accept, 'error', IssueCodes.InvalidNumber, `A number of ampoules or vials is a whole number, not ${q.value}${q.high !== undefined ? `-${q.high}` : ''}: give part of one in mL.${note}`, { node: q });
    } else if (q.high !== undefined && Number(q.value) > Number(q.high)) {
        report(accept, 'error', IssueCodes.InvalidRange, `The range '${q.$cstNode?.text ?? ''}' runs backwards: write its low end first.${note}`, { node: q });
    }
}

const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

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
