import { Fraction } from 'fraction.js';
import { toAmount, toMeasure, type Amount, type Measure, type WrittenQuantity } from '../units/quantity.js';
import type { Dimension } from '../units/unit-table.js';
import type { Span } from '../units/span.js';

/**
 * What the semantics read off a written figure: the value, `undefined` when the figure is not
 * written at all, or `'unreadable'` when it is written but cannot be used (an unknown unit, a
 * unit of the wrong dimension, a range where one value is needed or a backwards range, a
 * count out of its bounds). Validation reports an unreadable figure once, at its place, and
 * says what is left unchecked; the semantics never replace it with a 0 or a guess, and the
 * checks downstream stay silent about it rather than report a consequence as a new problem.
 */
export type Reading<T> = T | 'unreadable' | undefined;

export function known<T>(r: Reading<T>): T | undefined {
    return r === 'unreadable' ? undefined : r;
}

/** A quantity of one of `dimensions`, single or a range. */
export function readMeasure(q: WrittenQuantity | undefined, dimensions: readonly Dimension[]): Reading<Measure> {
    if (!q) return undefined;
    const m = toMeasure(q);
    return m && dimensions.includes(m.dimension) ? m : 'unreadable';
}

/** The span of a quantity of `dimension` (single or range). */
export function readSpan(q: WrittenQuantity | undefined, dimension: Dimension): Reading<Span> {
    const m = readMeasure(q, [dimension]);
    return m === undefined || m === 'unreadable' ? m : m.span;
}

/** A single value of one of `dimensions` (a range is unreadable here). */
export function readAmount(q: WrittenQuantity | undefined, dimensions: readonly Dimension[]): Reading<Amount> {
    if (!q) return undefined;
    const a = toAmount(q);
    return a && dimensions.includes(a.dimension) ? a : 'unreadable';
}

/** A single value of `dimension`, as a fraction. */
export function readValue(q: WrittenQuantity | undefined, dimension: Dimension): Reading<Fraction> {
    const a = readAmount(q, [dimension]);
    return a === undefined || a === 'unreadable' ? a : a.value;
}

/** A count written as a whole number from 1 to `max`, or a range of two (`20-30`). */
export function readCount(low: string | undefined, high: string | undefined, max: number): Reading<Span> {
    if (low === undefined) return undefined;
    const lo = whole(low, max);
    const hi = high === undefined ? lo : whole(high, max);
    if (lo === undefined || hi === undefined || lo > hi) return 'unreadable';
    return { low: new Fraction(lo), high: new Fraction(hi) };
}

function whole(text: string, max: number): number | undefined {
    if (!/^[0-9]+$/.test(text)) return undefined;
    const n = Number(text);
    return n >= 1 && n <= max ? n : undefined;
}
