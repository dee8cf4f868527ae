import { Fraction } from 'fraction.js';
import {
    isIngredient, isPresentationClause, isProduct, isVehicleClause, type Ingredient, type Product, type Quantity, type Substance
} from '../generated/ast.js';
import { toAmount, toMeasure, type Measure } from '../units/quantity.js';
import type { Span } from '../units/span.js';
import { known, type Reading } from './reading.js';

/**
 * Strengths: how much of a substance one mL of a solution holds, read off a product's
 * ingredient (`ketoprofen 100 mg` in a 2 mL ampoule, `ketoprofen 50 mg/mL`, `lidocaine 1 %`,
 * `ketoprofen 100 mg / 2 mL`) or a component that states its own (`ketoprofen 50 mg/mL 2 mL`).
 * Normalised per mL, exact, both ends of a range. Doses are worked out from them in
 * mixture-facts.ts and dose-share.ts.
 */

/** An amount per mL (mass in mg/mL or activity in IU/mL), as a range. */
export interface Strength {
    readonly perMl: Span;
    readonly dimension: 'mass' | 'activity';
}

/** The words for a presentation as a unit of a mixture component (`oki 1 ampoule`). */
export const PRESENTATION_UNITS: ReadonlySet<string> = new Set(['ampoule', 'ampoules', 'vial', 'vials']);

/**
 * A written strength: `value` alone (a concentration, or an amount per presentation when
 * `presentationMl` is known) or `value / per`. `ranges` says whether a range may stand there (a
 * protocol's figure) or not (a product's label states one figure). Unreadable when a unit is of
 * the wrong kind, a range stands where one figure is needed, a volume is 0, or an amount has
 * nothing to be per.
 */
export function readStrength(value: Quantity | undefined, per: Quantity | undefined, options: { ranges: boolean; presentationMl?: Fraction }): Reading<Strength> {
    if (!value) return undefined;
    const v = measureOf(value, options.ranges);
    if (!v) return 'unreadable';
    if (per) {
        const p = measureOf(per, options.ranges);
        if (!p || p.dimension !== 'volume' || p.span.low.equals(0)) return 'unreadable';
        if (v.dimension !== 'mass' && v.dimension !== 'activity') return 'unreadable';
        return { perMl: { low: v.span.low.div(p.span.high), high: v.span.high.div(p.span.low) }, dimension: v.dimension };
    }
    if (v.dimension === 'concentration') return { perMl: v.span, dimension: 'mass' };
    if (v.dimension === 'activity-concentration') return { perMl: v.span, dimension: 'activity' };
    if ((v.dimension === 'mass' || v.dimension === 'activity') && options.presentationMl && !options.presentationMl.equals(0)) {
        const ml = options.presentationMl;
        return { perMl: { low: v.span.low.div(ml), high: v.span.high.div(ml) }, dimension: v.dimension };
    }
    return 'unreadable';
}

function measureOf(q: Quantity, ranges: boolean): Measure | undefined {
    if (ranges) return toMeasure(q);
    const a = toAmount(q);
    return a && { span: { low: a.value, high: a.value }, dimension: a.dimension };
}

/** One substance of a product and its strength. */
export interface IngredientFacts {
    readonly ingredient: Ingredient;
    readonly substance?: Substance;
    /** Undefined: no strength written (its amount is unknown); 'unreadable': written but not usable (reported there). */
    readonly strength: Reading<Strength>;
}

export interface ProductFacts {
    readonly product: Product;
    /** What one ampoule or vial holds, mL; undefined when not stated or not readable. */
    readonly presentationMl?: Fraction;
    /** 'ampoule' or 'vial'. */
    readonly presentationKind?: string;
    readonly ingredients: IngredientFacts[];
}

/**
 * The product's presentation and each ingredient's strength per mL. Not kept between calls:
 * the substances it names may be declared in another file that changes.
 */
export function productFacts(product: Product): ProductFacts {
    const presentation = product.clauses.find(isPresentationClause);
    const volume = toAmount(presentation?.volume);
    const presentationMl = volume?.dimension === 'volume' && !volume.value.equals(0) ? volume.value : undefined;
    const ingredients = product.clauses.filter(isIngredient).map(ingredient => ({
        ingredient,
        substance: ingredient.substance?.ref,
        strength: readStrength(ingredient.strength, ingredient.per, { ranges: false, presentationMl })
    }));
    return { product, presentationMl, presentationKind: presentation?.kind, ingredients };
}

/** What one ampoule or vial of `presentationMl` holds at `strength`. */
export function perPresentation(strength: Strength, presentationMl: Fraction): Span {
    return { low: strength.perMl.low.mul(presentationMl), high: strength.perMl.high.mul(presentationMl) };
}

/** A product's ingredients with a readable strength. */
export function knownStrengths(facts: ProductFacts): Array<{ substance: Substance; strength: Strength }> {
    return facts.ingredients.flatMap(i => {
        const s = known(i.strength);
        return i.substance && s ? [{ substance: i.substance, strength: s }] : [];
    });
}

/** The substances a mixture component puts in the syringe: the one it names, or a product's ingredients and vehicle. */
export function substancesOf(medicine: Substance | Product | undefined): Substance[] {
    if (!medicine) return [];
    if (!isProduct(medicine)) return [medicine];
    const found: Substance[] = [];
    for (const clause of medicine.clauses) {
        const s = isIngredient(clause) ? clause.substance?.ref : isVehicleClause(clause) ? clause.vehicle?.ref : undefined;
        if (s && !found.includes(s)) found.push(s);
    }
    return found;
}
