import { Fraction } from 'fraction.js';
import { displayUnit, lookupUnit, type Dimension } from './unit-table.js';
import { isPoint, type Span } from './span.js';
import { monthSpanDays } from './calendar.js';

/** An exact amount in the canonical unit of its dimension. */
export interface Amount {
    readonly value: Fraction;
    readonly dimension: Dimension;
}

/** A quantity that may be a range: both ends, exact, in the canonical unit of their dimension. */
export interface Measure {
    readonly span: Span;
    readonly dimension: Dimension;
}

// Quantities written alike share one measure, and so one amount.
const amountsOfMeasures = new WeakMap<Measure, Amount>();
function amountOfMeasure(m: Measure): Amount {
    let a = amountsOfMeasures.get(m);
    if (!a) amountsOfMeasures.set(m, a = { value: m.span.low, dimension: m.dimension });
    return a;
}

/**
 * The parts of a written quantity, as the grammar gives them: `2 mL`, or a range `0.1-0.2 mL`
 * (`high`, one unit for both ends) or `500 µL to 1 mL` (`highUnit` for the high end).
 */
export interface WrittenQuantity {
    readonly value: string;
    readonly unit: WrittenUnit;
    readonly high?: string;
    readonly highUnit?: WrittenUnit;
}

export interface WrittenUnit {
    readonly symbol?: string;
    readonly per?: string;
    readonly percent: boolean;
}

/** The unit as written, normalised to one string: `mg/kg`, `%`, `mL`. */
export function unitText(unit: WrittenUnit): string {
    if (unit.percent) return '%';
    return unit.per ? `${unit.symbol ?? ''}/${unit.per}` : unit.symbol ?? '';
}

/** Converts a written quantity to an exact canonical amount; undefined for an unknown unit. */
// A written quantity never changes once parsed: its amount is computed once per node.
const amounts = new WeakMap<WrittenQuantity, Amount | null>();
// Re-parsing a document makes new nodes for the same texts (`1 mL`, `0.2 mL`): amounts are
// also kept by text, so that a keystroke does not re-parse every number of the file. Amounts
// are immutable, so nodes may share one. Bounded: cleared when it grows large.
const measuresByText = new Map<string, Measure | null>();
const MAX_TEXTS = 20_000;

/** The most calendar months a quantity may count (1,000 years); more is no protocol. */
export const MAX_MONTHS = 12_000;

/**
 * One number and its unit, converted exactly: its low and high end are equal, except for
 * calendar months (`1 month` is 28 to 31 days). Null for an unknown unit, a half-typed number,
 * or months that are not a whole number from 1 to MAX_MONTHS.
 */
function convert(value: string | undefined, unit: WrittenUnit | undefined): Measure | null {
    if (!unit || !value || !/^[0-9]+(\.[0-9]+)?$/.test(value)) return null;
    const text = unitText(unit);
    const key = `${value} ${text}`;
    let measure = measuresByText.get(key);
    if (measure === undefined) {
        const spec = lookupUnit(text);
        if (!spec) measure = null;
        else if (spec.months) {
            const n = /^[0-9]+$/.test(value) ? Number(value) : NaN;
            const days = n >= 1 && n <= MAX_MONTHS ? monthSpanDays(n) : undefined;
            measure = days ? { span: { low: new Fraction(days.low), high: new Fraction(days.high) }, dimension: spec.dimension } : null;
        } else {
            const v = new Fraction(value).mul(spec.factor);
            measure = { span: { low: v, high: v }, dimension: spec.dimension };
        }
        if (measuresByText.size >= MAX_TEXTS) measuresByText.clear();
        measuresByText.set(key, measure);
    }
    return measure;
}

/**
 * Converts a written single quantity to an exact canonical amount; undefined for an unknown
 * unit, and for a range (`0.1-0.2 mL` is not one amount: read it with `toMeasure`).
 */
export function toAmount(q: WrittenQuantity | undefined): Amount | undefined {
    // A half-typed quantity (parse error) has no unit or value yet: no amount, never a crash.
    if (!q?.unit || !q.value || q.high !== undefined) return undefined;
    let amount = amounts.get(q);
    if (amount === undefined) {
        // Calendar months are 28 to 31 days: not one amount.
        const m = convert(q.value, q.unit);
        amount = m && m.span.low.equals(m.span.high) ? amountOfMeasure(m) : null;
        amounts.set(q, amount);
    }
    return amount ?? undefined;
}

const measures = new WeakMap<WrittenQuantity, Measure | null>();

/**
 * Converts a written quantity, single or a range, to its two exact ends; undefined for an
 * unknown unit, two ends of different dimensions, or a range whose low end is above its high
 * end (each reported at its place by validation, never read as a guess).
 */
export function toMeasure(q: WrittenQuantity | undefined): Measure | undefined {
    if (!q?.unit || !q.value) return undefined;
    let measure = measures.get(q);
    if (measure === undefined) {
        measure = readMeasure(q);
        measures.set(q, measure);
    }
    return measure ?? undefined;
}

function readMeasure(q: WrittenQuantity): Measure | null {
    const low = convert(q.value, q.unit);
    if (!low) return null;
    if (q.high === undefined) return low;
    const high = convert(q.high, q.highUnit ?? q.unit);
    if (!high || high.dimension !== low.dimension || low.span.low.compare(high.span.high) > 0) return null;
    return { span: { low: low.span.low, high: high.span.high }, dimension: low.dimension };
}

/**
 * The number of calendar months a quantity counts (`1 month`, `1-2 months`), when every end of
 * it is in months; undefined otherwise. A plan adds them as calendar months.
 */
export function calendarMonths(q: WrittenQuantity | undefined): Span | undefined {
    if (!q?.unit || !toMeasure(q)) return undefined;
    const isMonths = (u: WrittenUnit | undefined) => !!u && !!lookupUnit(unitText(u))?.months;
    if (!isMonths(q.unit) || (q.high !== undefined && !isMonths(q.highUnit ?? q.unit))) return undefined;
    return { low: new Fraction(q.value), high: new Fraction(q.high ?? q.value) };
}

/** True when the quantity is written as a range (`0.1-0.2 mL`, `1 to 3 mm`). */
export function isRange(q: WrittenQuantity | undefined): boolean {
    return q?.high !== undefined;
}

/** Exact decimal text of a fraction, rounded to at most `digits` decimals when it does not terminate. */
export function formatNumber(value: Fraction, digits = 4): string {
    const rounded = value.round(digits);
    return String(rounded.valueOf());
}

/** `20 mg`, `0.3 mL`, `1.5 days` — the amount in its canonical unit. */
export function formatAmount(amount: Amount): string {
    const unit = displayUnit[amount.dimension];
    const n = formatNumber(amount.value);
    return unit === 'days' && n === '1' ? '1 day' : `${n} ${unit}`;
}

/** `0.2`, or `0.1–0.2` for a range (an en dash, as papers print it). */
export function formatSpan(s: Span, digits = 4): string {
    const low = formatNumber(s.low, digits);
    const high = formatNumber(s.high, digits);
    return isPoint(s) || low === high ? low : `${low}–${high}`;
}

/** `20 mg`, `20–40 mg`, `1 day`, `7–14 days` — a measure in its canonical unit. */
export function formatMeasure(m: { span: Span; dimension: Dimension }): string {
    const unit = displayUnit[m.dimension];
    const n = formatSpan(m.span);
    return unit === 'days' && n === '1' ? '1 day' : `${n} ${unit}`;
}

/** `40 mg`; for a range, its high end first, the worst case for a cap: `up to 40 mg (20–40 mg)`. */
export function formatUpTo(m: { span: Span; dimension: Dimension }): string {
    if (isPoint(m.span) || formatNumber(m.span.low) === formatNumber(m.span.high)) return formatMeasure(m);
    return `up to ${formatMeasure({ span: { low: m.span.high, high: m.span.high }, dimension: m.dimension })} (${formatMeasure(m)})`;
}
