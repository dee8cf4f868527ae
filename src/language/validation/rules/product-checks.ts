import type { ValidationAcceptor } from 'langium';
import { isProduct, isSubstance, type Component, type Ingredient, type Protocol } from '../../generated/ast.js';
import { productFacts } from '../../semantics/strengths.js';
import type { MesoServices } from '../../meso-module.js';
import { lookupUnit } from '../../units/unit-table.js';
import { formatNumber, toMeasure, unitText } from '../../units/quantity.js';
import { IssueCodes } from '../issue-codes.js';
import { relatedTo } from '../related.js';
import { report } from '../report.js';

/**
 * Products and the components that use them: a strength that says per what, a product given by
 * an amount that names one ingredient, and a component that takes no more from its ampoules
 * than they hold.
 */
export class ProductChecks {
    constructor(private readonly services: MesoServices) {}

    /** `ketoprofen 100 mg` in a product is per ampoule or vial: the product must say what one holds. */
    checkIngredientStrengthMustSayPerWhat(ingredient: Ingredient, accept: ValidationAcceptor): void {
        const strength = ingredient.strength;
        if (!strength?.unit || ingredient.per) return;
        const dimension = lookupUnit(unitText(strength.unit))?.dimension;
        if (dimension !== 'mass' && dimension !== 'activity') return;
        const product = ingredient.$container;
        if (product.clauses.some(c => c.$type === 'PresentationClause')) return;
        const name = ingredient.substance?.$refText ?? '?';
        report(accept, 'error', IssueCodes.MissingPresentation,
            `'${name}' ${strength.$cstNode?.text ?? ''} in product '${product.name}' is an amount per ampoule or vial, but '${product.name}' does not say what one holds: add \`ampoule <volume>\`, or write a strength per mL (\`${name} 50 mg/mL\`). Until it is fixed, no dose of '${name}' is worked out from '${product.name}'.`,
            { node: ingredient, property: 'strength' });
    }

    checkComponentOfProduct(component: Component, accept: ValidationAcceptor): void {
        const named = component.substance?.ref;
        if (isSubstance(named) && component.presentations !== undefined) {
            report(accept, 'error', IssueCodes.MisplacedClause,
                `'${named.name}' is a substance and has no ampoules: \`from ${component.presentations} ${component.presentationUnit}\` belongs to a product (declare one with its ampoule volume).`,
                { node: component, property: 'presentationUnit' });
        }
        if (!isProduct(named)) return;
        const facts = productFacts(named);
        if (component.strength) {
            report(accept, 'error', IssueCodes.MisplacedClause,
                `'${named.name}' is a product: its strengths are declared in it, not in the mixture. Give only its volume, its ampoules or the amount of its ingredient. Until it is fixed, the doses drawn from mixture '${component.$container.name}' are not checked.`,
                { node: component, property: 'strength', relatedInformation: relatedTo(named, 'product declared here') });
            return;
        }
        const given = toMeasure(component.quantity);
        if (given && (given.dimension === 'mass' || given.dimension === 'activity')) {
            const kind = given.dimension === 'mass' ? 'a mass' : 'an activity';
            const matching = facts.ingredients.filter(i => i.strength && i.strength !== 'unreadable' && i.strength.dimension === given.dimension);
            if (matching.length !== 1) {
                const names = matching.map(i => `'${i.ingredient.substance?.$refText ?? '?'}'`).join(', ');
                report(accept, 'error', IssueCodes.AmbiguousAmount, matching.length === 0
                    ? `Product '${named.name}' has no ingredient with a strength in ${given.dimension === 'mass' ? 'mg' : 'IU'}, so ${kind} of it cannot be turned into a volume: give it in mL${facts.presentationMl ? ' or in ampoules' : ''}. Until it is fixed, the doses drawn from mixture '${component.$container.name}' are not checked.`
                    : `Product '${named.name}' holds ${names}: ${component.quantity.$cstNode?.text ?? 'an amount'} could be of any of them. Give it in mL${facts.presentationMl ? ' or in ampoules' : ''}. Until it is fixed, the doses drawn from mixture '${component.$container.name}' are not checked.`,
                    { node: component, property: 'quantity', relatedInformation: relatedTo(named, 'product declared here') });
            }
        }
        if (component.presentations !== undefined) this.checkDrawnFrom(component, accept);
    }

    /** `oki 3 mL from 1 ampoule`: one 2 mL ampoule cannot give 3 mL. */
    private checkDrawnFrom(component: Component, accept: ValidationAcceptor): void {
        const product = component.substance?.ref;
        if (!isProduct(product)) return;
        const n = component.presentations!;
        if (!/^[0-9]+$/.test(n) || Number(n) < 1) {
            report(accept, 'error', IssueCodes.InvalidNumber, `A number of ampoules or vials must be a whole number of at least 1, not ${n}.`, { node: component, property: 'presentations' });
            return;
        }
        const facts = productFacts(product);
        if (!facts.presentationMl) {
            report(accept, 'error', IssueCodes.MisplacedClause,
                `Product '${product.name}' does not say what one ampoule or vial holds, so \`from ${n} ${component.presentationUnit}\` cannot be checked: add \`ampoule <volume>\` to it.`,
                { node: component, property: 'presentationUnit', relatedInformation: relatedTo(product, 'product declared here') });
            return;
        }
        const protocol = component.$container.$container as Protocol;
        const c = this.services.semantics.Semantics.protocol(protocol).mixtures
            .find(m => m.mixture === component.$container)?.components.find(x => x.component === component);
        if (!c?.volume || !c.capacity || c.volume.high.compare(c.capacity) <= 0) return;
        const takes = c.volume.low.equals(c.volume.high) ? `${formatNumber(c.volume.high)} mL` : `up to ${formatNumber(c.volume.high)} mL`;
        report(accept, 'error', IssueCodes.PresentationOverdrawn,
            `'${product.name}' takes ${takes} from ${n} ${component.presentationUnit}, which ${n === '1' ? 'holds' : 'hold'} ${formatNumber(c.capacity)} mL (${facts.presentationKind ?? 'ampoule'} of ${formatNumber(facts.presentationMl)} mL): open more, or take less.`,
            { node: component, property: 'quantity', relatedInformation: relatedTo(product, 'product declared here'), data: { takes: c.volume.high.valueOf(), holds: c.capacity.valueOf() } });
    }
}
