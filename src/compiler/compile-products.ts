import { isPresentationClause, isVehicleClause, type Product } from '../language/generated/ast.js';
import type { ComponentFacts } from '../language/semantics/mixture-facts.js';
import { productFacts, readStrength } from '../language/semantics/strengths.js';
import { known } from '../language/semantics/reading.js';
import { measureQuantity, quantity, spanQuantity } from './json-values.js';
import type * as J from './meso-json.generated.js';

/** A product as its label gives it: strengths per mL, presentation, vehicle, provenance. */
export function productJson(product: Product): J.Product {
    const facts = productFacts(product);
    const presentation = product.clauses.find(isPresentationClause);
    const vehicle = product.clauses.find(isVehicleClause)?.vehicle;
    return {
        id: product.name,
        ...(product.title !== undefined && { title: product.title }),
        ...(presentation && facts.presentationMl && { presentation: { kind: presentation.kind as 'ampoule' | 'vial', volume: quantity(facts.presentationMl, 'mL') } }),
        ingredients: facts.ingredients.map(i => {
            const strength = known(i.strength);
            return {
                substance: i.substance?.name ?? i.ingredient.substance?.$refText ?? '',
                ...(strength && { strength: quantity(strength.perMl.low, strength.dimension === 'mass' ? 'mg/mL' : '[iU]/mL') })
            };
        }),
        ...(vehicle && { vehicle: vehicle.ref?.name ?? vehicle.$refText }),
        ...sourceOf(product)
    };
}

function sourceOf(product: Product): { source?: string; evidence?: string } {
    const source = product.clauses.find(c => c.$type === 'SourceClause');
    const evidence = product.clauses.find(c => c.$type === 'EvidenceClause');
    return {
        ...(source && { source: source.source }),
        ...(evidence && { evidence: evidence.level })
    };
}

/** A mixture component: a substance with its amount, or a product with each ingredient's. */
export function componentJson(c: ComponentFacts): J.Component {
    const volume = c.volume && { volume: spanQuantity(c.volume, 'mL') };
    if (c.product) {
        const n = c.component.presentations;
        return {
            product: c.product.name,
            ...volume,
            ingredients: c.carries.map(x => ({ substance: x.substance.name, ...(x.amount && { amount: measureQuantity(x.amount) }) })),
            ...(c.capacity && n !== undefined && { drawnFrom: { count: Number(n), volume: quantity(c.capacity, 'mL') } })
        };
    }
    const own = c.component.strength ? known(readStrength(c.component.strength, c.component.per, { ranges: true })) : undefined;
    return {
        substance: c.substance?.name ?? c.component.substance?.$refText ?? '',
        ...(own && { strength: spanQuantity(own.perMl, own.dimension === 'mass' ? 'mg/mL' : '[iU]/mL') }),
        ...volume,
        ...(c.amount && { amount: measureQuantity(c.amount) })
    };
}
