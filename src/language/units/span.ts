import { Fraction } from 'fraction.js';

/**
 * An exact value that a protocol may give as a range (`0.1-0.2 mL`, `20-30 points`,
 * `every 1-2 weeks`): its low and its high end, both exact fractions. A single value is a
 * span whose two ends are equal. Spans only hold values of 0 or more, so every operation
 * here is monotone and the ends of a result are the results of the ends.
 */
export interface Span {
    readonly low: Fraction;
    readonly high: Fraction;
}

/** A span of one value. */
export function point(value: Fraction | number): Span {
    const f = typeof value === 'number' ? new Fraction(value) : value;
    return { low: f, high: f };
}

export function span(low: Fraction, high: Fraction): Span {
    return { low, high };
}

export const ZERO: Span = point(0);

export function isPoint(s: Span): boolean {
    return s.low.equals(s.high);
}

export function add(a: Span, b: Span): Span {
    return { low: a.low.add(b.low), high: a.high.add(b.high) };
}

/** The product of two spans of non-negative values. */
export function mul(a: Span, b: Span): Span {
    return { low: a.low.mul(b.low), high: a.high.mul(b.high) };
}

/** A span times a non-negative number. */
export function scale(a: Span, by: Fraction | number): Span {
    return { low: a.low.mul(by), high: a.high.mul(by) };
}

export function sum(spans: Iterable<Span>): Span {
    let total = ZERO;
    for (const s of spans) total = add(total, s);
    return total;
}

/** Sums spans that may be unknown; one unknown part makes the sum unknown. */
export function sumKnown(spans: Array<Span | undefined>): Span | undefined {
    let total = ZERO;
    for (const s of spans) {
        if (!s) return undefined;
        total = add(total, s);
    }
    return total;
}

export function equals(a: Span, b: Span): boolean {
    return a.low.equals(b.low) && a.high.equals(b.high);
}
