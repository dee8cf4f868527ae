import { Fraction } from 'fraction.js';
import type { Component } from '../generated/ast.js';
import type { Span } from '../units/span.js';
import type { MixtureFacts } from './mixture-facts.js';

/**
 * How much of a part of a mixture (one substance, in one or more of its components) is
 * delivered when `drawn` mL are drawn from the mixture, at both ends of every range.
 *
 * Delivered = drawn × (the part's amount ÷ the mixture's volume). A draw larger than the
 * syringe (insufficient-mixture) is read as the recipe made up again, not capped at what one
 * syringe holds: the dose of the technique as written is what is checked. Every written figure moves
 * that result one way only: more drawn, more of the part or a stronger part deliver more; more
 * of the other components dilutes it. So the high end takes each figure at the end that
 * delivers most (the part's components at their high end, the others at their low end) and
 * the low end the opposite. Each end is a preparation the protocol allows, so the high end is
 * the worst case exactly, never more: checking it is neither a missed danger nor a false alarm.
 * Without points the whole mixture is injected, and the part delivers its own amount.
 */

/** One component's share in the part: its amount (or volume) and its volume at each end. */
export interface PartTerm {
    readonly component: Component;
    readonly amount: Span;
    readonly volumeAtLow: Fraction;
    readonly volumeAtHigh: Fraction;
}

/** What is drawn from a mixture: `points × volume per point`, or the whole mixture. */
export type Draw = { readonly kind: 'points'; readonly volume: Span } | { readonly kind: 'whole' };

/** The delivered span of the part, or undefined when the mixture's volume is unknown or 0. */
export function delivered(part: PartTerm[], mixture: MixtureFacts, draw: Draw): Span | undefined {
    let amountLow = new Fraction(0);
    let amountHigh = new Fraction(0);
    for (const t of part) {
        amountLow = amountLow.add(t.amount.low);
        amountHigh = amountHigh.add(t.amount.high);
    }
    if (draw.kind === 'whole') return { low: amountLow, high: amountHigh };
    const inPart = new Set(part.map(t => t.component));
    let volumeLow = new Fraction(0);   // the mixture's volume at the part's low end
    let volumeHigh = new Fraction(0);  // ... and at its high end
    for (const t of part) {
        volumeLow = volumeLow.add(t.volumeAtLow);
        volumeHigh = volumeHigh.add(t.volumeAtHigh);
    }
    for (const c of mixture.components) {
        if (inPart.has(c.component)) continue;
        if (!c.volume) return undefined;
        volumeLow = volumeLow.add(c.volume.high);
        volumeHigh = volumeHigh.add(c.volume.low);
    }
    if (volumeLow.equals(0) || volumeHigh.equals(0)) return undefined;
    return {
        low: draw.volume.low.mul(amountLow).div(volumeLow),
        high: draw.volume.high.mul(amountHigh).div(volumeHigh)
    };
}
