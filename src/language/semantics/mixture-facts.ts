import { Fraction } from 'fraction.js';
import { isProduct, isSubstance, isVehicleClause, type Component, type Mixture, type Product, type Quantity, type Substance } from '../generated/ast.js';
import type { Measure } from '../units/quantity.js';
import { scale, sumKnown, type Span } from '../units/span.js';
import { concentrationOf } from './library.js';
import { known, readMeasure, type Reading } from './reading.js';
import { knownStrengths, PRESENTATION_UNITS, productFacts, readStrength, substancesOf, type Strength } from './strengths.js';

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
    /** The strength this amount comes from is written but cannot be read (reported there): its caps say nothing more. */
    readonly unreadable?: boolean;
}

export interface ComponentFacts {
    readonly component: Component;
    /** The substance the component names (undefined for a product). */
    readonly substance?: Substance;
    /** The product the component names. */
    readonly product?: Product;
    /** Volume of the component in the mixture, mL (undefined: given by amount without a concentration). */
    readonly volume?: Span;
    /** Amount of `substance` in the whole mixture (undefined: given by volume without a concentration). */
    readonly amount?: Measure;
    /** Every substance the component carries, with its amount. */
    readonly carries: Carried[];
    /** A figure of the component could not be read (its own error says so): nothing is computed from it. */
    readonly unreadable: boolean;
    /** `from 1 ampoule`: what the ampoules or vials the component says it is drawn from hold, mL. */
    readonly capacity?: Fraction;
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

function substanceStrength(substance: Substance | undefined): Strength | undefined {
    const c = substance ? concentrationOf(substance) : undefined;
    return c && { perMl: { low: c.perMl, high: c.perMl }, dimension: c.dimension };
}

function componentFacts(component: Component): ComponentFacts {
    const named = component.substance?.ref;
    if (isProduct(named)) return productComponentFacts(component, named);
    const substance = isSubstance(named) ? named : undefined;
    const given: Reading<Measure> = readMeasure(component.quantity, ['volume', 'mass', 'activity']);
    // A strength the component states itself (`ketoprofen 50 mg/mL 2 mL`) wins over the substance's.
    const own = readStrength(component.strength, component.per, { ranges: true });
    if (given === undefined || given === 'unreadable' || own === 'unreadable') {
        return { component, substance, carries: substance ? [{ substance }] : [], unreadable: given === 'unreadable' || own === 'unreadable' };
    }
    const carried = substance && carry(substance, given, own ?? substanceStrength(substance));
    return {
        component, substance,
        volume: given.dimension === 'volume' ? given.span : carried?.volume,
        amount: carried?.amount,
        carries: carried ? [carried.carried] : [],
        unreadable: false
    };
}

/**
 * A product: by volume (`oki 2 mL`), by ampoules or vials (`oki 1 ampoule`: that many times its
 * presentation) or by the amount of the one ingredient of that kind (`oki 100 mg`); each
 * ingredient is carried at the component's volume times its strength.
 */
function productComponentFacts(component: Component, product: Product): ComponentFacts {
    const facts = productFacts(product);
    const unreadable = (): ComponentFacts => ({ component, product, carries: substancesOf(product).map(substance => ({ substance })), unreadable: true });
    // A product's strengths are its own (validation says so): nothing is computed from another.
    if (component.strength) return unreadable();
    const count = presentationCount(component.quantity);
    let volume: Span | undefined;
    if (count === 'unreadable') return unreadable();
    if (count) {
        if (!facts.presentationMl) return unreadable();
        volume = scale(count, facts.presentationMl);
    } else {
        const given = readMeasure(component.quantity, ['volume', 'mass', 'activity']);
        if (given === 'unreadable') return unreadable();
        if (given === undefined) return { component, product, carries: substancesOf(product).map(substance => ({ substance })), unreadable: false };
        if (given.dimension === 'volume') volume = given.span;
        else {
            const by = knownStrengths(facts).filter(s => s.strength.dimension === given.dimension);
            if (by.length !== 1 || by[0].strength.perMl.low.equals(0)) return unreadable();
            const perMl = by[0].strength.perMl;
            volume = { low: given.span.low.div(perMl.high), high: given.span.high.div(perMl.low) };
        }
    }
    const carries: Carried[] = facts.ingredients.flatMap(i => {
        if (!i.substance) return [];
        const strength = known(i.strength);
        const amount = strength && { span: { low: volume.low.mul(strength.perMl.low), high: volume.high.mul(strength.perMl.high) }, dimension: strength.dimension };
        return [{ substance: i.substance, amount, volumeAtLow: volume.low, volumeAtHigh: volume.high, ...(i.strength === 'unreadable' && { unreadable: true }) }];
    });
    // The vehicle is a substance too (allergies, interactions), with no amount of its own.
    const vehicle = product.clauses.find(isVehicleClause)?.vehicle?.ref;
    if (vehicle && !carries.some(x => x.substance === vehicle)) carries.push({ substance: vehicle, volumeAtLow: volume.low, volumeAtHigh: volume.high });
    return { component, product, volume, carries, unreadable: false, capacity: capacityOf(component, facts.presentationMl) };
}

/** What `from N ampoules` holds: N times the presentation, when both can be read. */
function capacityOf(component: Component, presentationMl: Fraction | undefined): Fraction | undefined {
    const n = component.presentations;
    return presentationMl && n !== undefined && /^[0-9]+$/.test(n) && Number(n) >= 1 ? presentationMl.mul(Number(n)) : undefined;
}

/**
 * `1 ampoule`, `2 vials`, `1-2 ampoules`: how many presentations; undefined for any other unit;
 * unreadable when not whole, backwards, or a range ending in another unit (reported there).
 */
export function presentationCount(q: Quantity | undefined): Reading<Span> {
    const symbol = q?.unit?.symbol;
    if (!q || !symbol || q.unit.per || !PRESENTATION_UNITS.has(symbol)) return undefined;
    if (q.highUnit && !PRESENTATION_UNITS.has(q.highUnit.symbol ?? '')) return 'unreadable';
    const whole = (v: string | undefined) => v !== undefined && /^[0-9]+$/.test(v);
    if (!whole(q.value) || (q.high !== undefined && !whole(q.high))) return 'unreadable';
    const low = new Fraction(q.value);
    const high = new Fraction(q.high ?? q.value);
    return low.compare(high) > 0 ? 'unreadable' : { low, high };
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
