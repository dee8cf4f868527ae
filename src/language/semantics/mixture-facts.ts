import { Fraction } from 'fraction.js';
import type { Component, Mixture, Substance } from '../generated/ast.js';
import type { Measure } from '../units/quantity.js';
import { sumKnown, type Span } from '../units/span.js';
import { concentrationOf } from './library.js';
import { readMeasure, type Reading } from './reading.js';

/**
 * What each component of a mixture puts in the syringe: its volume and, for each substance it
 * carries, the amount. Exact, with both ends of every range (a component `lidocaine 1-2 mL`
 * carries 20–40 mg). The doses drawn from a mixture are worked out in dose-share.ts.
 */

/** One substance of a component, and how much of it the whole component holds. */
export interface Carried {
    readonly substance: Substance;
    /** Amount in the whole component (mass or activity); undefined when it cannot be worked out. */
    readonly amount?: Measure;
    /**
     * The component's volume when this amount is at its low and at its high end. They are the
     * ends of the component's volume, except for a component given by amount whose strength is
     * a range (the strongest solution gives the most in the least volume).
     */
    readonly volumeAtLow?: Fraction;
    readonly volumeAtHigh?: Fraction;
}

export interface ComponentFacts {
    readonly component: Component;
    /** The substance the component names. */
    readonly substance?: Substance;
    /** Volume of the component in the mixture, mL (undefined: given by amount without a concentration). */
    readonly volume?: Span;
    /** Amount of `substance` in the whole mixture (undefined: given by volume without a concentration). */
    readonly amount?: Measure;
    /** Every substance the component carries, with its amount. */
    readonly carries: Carried[];
    /** A figure of the component could not be read (its own error says so): nothing is computed from it. */
    readonly unreadable: boolean;
}

export interface MixtureFacts {
    readonly mixture: Mixture;
    readonly components: ComponentFacts[];
    /** Sum of the component volumes, mL; undefined when a component's volume is unknown. */
    readonly volume?: Span;
    /** A component could not be read: the mixture's volume and every share of it are unknown. */
    readonly unreadable: boolean;
}

export function mixtureFacts(mixture: Mixture): MixtureFacts {
    const components = mixture.components.map(componentFacts);
    return {
        mixture,
        components,
        volume: sumKnown(components.map(c => c.volume)),
        unreadable: components.some(c => c.unreadable)
    };
}

/** A strength per mL, as a range (a component may state `lidocaine 1-2 % 2 mL`). */
interface Strength {
    readonly perMl: Span;
    readonly dimension: 'mass' | 'activity';
}

function substanceStrength(substance: Substance | undefined): Strength | undefined {
    const c = substance ? concentrationOf(substance) : undefined;
    return c && { perMl: { low: c.perMl, high: c.perMl }, dimension: c.dimension };
}

function componentFacts(component: Component): ComponentFacts {
    const substance = component.substance?.ref;
    const given: Reading<Measure> = readMeasure(component.quantity, ['volume', 'mass', 'activity']);
    if (given === undefined || given === 'unreadable') {
        return { component, substance, carries: substance ? [{ substance }] : [], unreadable: given === 'unreadable' };
    }
    const strength = substanceStrength(substance);
    const carried = substance && carry(substance, given, strength);
    return {
        component, substance,
        volume: given.dimension === 'volume' ? given.span : carried?.volume,
        amount: carried?.amount,
        carries: carried ? [carried.carried] : [],
        unreadable: false
    };
}

/**
 * A substance given by volume (`1 mL`: amount = volume × strength) or by amount (`100 mg`:
 * volume = amount ÷ strength), with its volume at each end of the amount.
 */
function carry(substance: Substance, given: Measure, strength: Strength | undefined): { carried: Carried; volume?: Span; amount?: Measure } {
    if (given.dimension === 'volume') {
        const amount = strength && { span: { low: given.span.low.mul(strength.perMl.low), high: given.span.high.mul(strength.perMl.high) }, dimension: strength.dimension };
        return { carried: { substance, amount, volumeAtLow: given.span.low, volumeAtHigh: given.span.high }, amount };
    }
    const fits = strength && strength.dimension === given.dimension && !strength.perMl.low.equals(0);
    if (!fits) return { carried: { substance, amount: given }, amount: given };
    const volume = { low: given.span.low.div(strength.perMl.high), high: given.span.high.div(strength.perMl.low) };
    return {
        carried: { substance, amount: given, volumeAtLow: given.span.low.div(strength.perMl.low), volumeAtHigh: given.span.high.div(strength.perMl.high) },
        volume, amount: given
    };
}
