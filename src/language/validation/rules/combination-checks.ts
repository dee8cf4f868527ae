import type { ValidationAcceptor, ValidationSeverity } from 'langium';
import type { Classifier, Component, Interaction, Mixture, Protocol, Substance } from '../../generated/ast.js';
import { isSubstance } from '../../generated/ast.js';
import type { MesoServices } from '../../meso-module.js';
import { classesOf, isActive, withdrawnOf } from '../../semantics/library.js';
import { formatNumber } from '../../units/quantity.js';
import { IssueCodes } from '../issue-codes.js';
import { originOf, relatedTo } from '../related.js';
import { report } from '../report.js';
import { Fraction } from 'fraction.js';

/** True when a classifier (a substance or a class) covers the substance. */
export function covers(classifier: Classifier | undefined, substance: Substance): boolean {
    if (!classifier) return false;
    return isSubstance(classifier) ? classifier === substance : classesOf(substance).includes(classifier);
}

/** interaction, withdrawn-substance, too-many-substances. */
export class CombinationChecks {
    constructor(private readonly services: MesoServices) {}

    /** Declared interactions between two different substances given in one session. */
    checkSessionsMustAvoidInteractions(protocol: Protocol, accept: ValidationAcceptor): void {
        const semantics = this.services.semantics.Semantics.protocol(protocol);
        const interactions = this.services.semantics.Rules.interactions(protocol);
        const reported = new Set<string>();
        // Which interactions each substance is a left or a right side of, found once per
        // substance: the loops below run per session, interaction and pair of doses.
        const sides = new Map<Substance, { left: Set<Interaction>; right: Set<Interaction> }>();
        const sidesOf = (s: Substance) => {
            let found = sides.get(s);
            if (!found) {
                const classes = new Set<unknown>(classesOf(s));
                const matches = (c: Classifier | undefined) => !!c && (isSubstance(c) ? c === s : classes.has(c));
                found = { left: new Set(interactions.filter(x => matches(x.left?.ref))), right: new Set(interactions.filter(x => matches(x.right?.ref))) };
                sides.set(s, found);
            }
            return found;
        };
        // Only the interactions with both sides among the protocol's substances can apply (often
        // none of the formulary's and std's many): the session loop below runs over those.
        const given = [...new Set(semantics.sessions.flatMap(session => session.doses.map(d => d.substance)))].map(sidesOf);
        const relevant = interactions.filter(x => given.some(g => g.left.has(x)) && given.some(g => g.right.has(x)));
        if (relevant.length === 0) return;
        for (const session of semantics.sessions) {
            const doses = session.doses;
            if (doses.length < 2) continue;
            const doseSides = doses.map(d => sidesOf(d.substance));
            for (const interaction of relevant) {
                for (let i = 0; i < doses.length; i++) {
                    if (!doseSides[i].left.has(interaction)) continue;
                    for (let j = 0; j < doses.length; j++) {
                        if (i === j || !doseSides[j].right.has(interaction)) continue;
                        // Report on the later component of the pair, once per pair and interaction.
                        const [first, second] = i < j ? [doses[i], doses[j]] : [doses[j], doses[i]];
                        const target = second.components[0];
                        const key = `${first.substance.name}|${target.$cstNode?.offset}|${interaction.$cstNode?.offset}|${originOf(interaction)}`;
                        if (reported.has(key)) continue;
                        reported.add(key);
                        report(accept, interaction.severity as ValidationSeverity, IssueCodes.Interaction,
                            `'${first.substance.name}' and '${second.substance.name}' in session '${session.session.name}': ${interaction.message} (${originOf(interaction)}${interaction.source ? `: ${interaction.source}` : ''}).`,
                            { node: target, property: 'substance', relatedInformation: relatedTo(interaction, 'interaction declared here'),
                                data: { substances: [first.substance.name, second.substance.name] } });
                    }
                }
            }
        }
    }

    checkComponentMustNotBeWithdrawn(component: Component, accept: ValidationAcceptor): void {
        const substance = component.substance?.ref;
        const withdrawn = substance && withdrawnOf(substance);
        if (!substance || !withdrawn) return;
        report(accept, 'error', IssueCodes.WithdrawnSubstance,
            `'${substance.name}' is withdrawn: ${withdrawn.reason} (${originOf(withdrawn)}).`,
            { node: component, property: 'substance', relatedInformation: relatedTo(withdrawn, 'withdrawal declared here'), data: { substance: substance.name } });
    }

    checkMixtureShouldNotHaveTooManySubstances(mixture: Mixture, accept: ValidationAcceptor): void {
        const protocol = mixture.$container;
        const active = [...new Set(mixture.components.map(c => c.substance?.ref).filter((s): s is Substance => !!s && isActive(s)))];
        const indication = this.services.semantics.Semantics.protocol(protocol).indication;
        for (const limit of this.services.semantics.Rules.limitsFor(protocol, 'active substances per mixture', indication)) {
            if (!limit.max) continue;
            const n = new Fraction(active.length);
            const over = limit.max.inclusive ? n.compare(limit.max.value) > 0 : n.compare(limit.max.value) >= 0;
            if (!over) continue;
            report(accept, limit.severity, IssueCodes.TooManySubstances,
                `Mixture '${mixture.name}' has ${active.length} active substances (${active.map(s => `'${s.name}'`).join(', ')}); the limit is ${formatNumber(limit.max.value)} (${originOf(limit.limit)}${limit.limit.source ? `: ${limit.limit.source}` : ''}). Diluents and vehicles do not count.`,
                { node: mixture, property: 'name', relatedInformation: relatedTo(limit.limit, 'limit declared here'), data: { count: active.length } });
        }
    }
}
