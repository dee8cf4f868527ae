import type { ValidationAcceptor, ValidationSeverity } from 'langium';
import type { Classifier, Component, Interaction, Mixture, Protocol, Substance } from '../../generated/ast.js';
import { isSubstance, isSubstanceClass } from '../../generated/ast.js';
import type { MesoServices } from '../../meso-module.js';
import { ANESTHETIC_CLASS_NAME, classesOf, hasClassNamed, isActive, mixingOf, provenanceOf, withdrawnOf } from '../../semantics/library.js';
import { substancesOf } from '../../semantics/strengths.js';
import { formatNumber } from '../../units/quantity.js';
import { IssueCodes } from '../issue-codes.js';
import { originOf, relatedTo } from '../related.js';
import { report } from '../report.js';
import { msg } from '../../i18n/translate.js';
import { provenanceNote } from '../message-parts.js';
import { Fraction } from 'fraction.js';
import { profileAt } from '../../semantics/profiles.js';

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
        // none of the formulary's and std's many): the loops below run over those.
        const given = [...new Set(semantics.mixtures.flatMap(m => m.components.flatMap(c => c.carries.map(x => x.substance))))].map(sidesOf);
        const relevant = interactions.filter(x => given.some(g => g.left.has(x)) && given.some(g => g.right.has(x)));
        if (relevant.length === 0) return;
        const emit = (interaction: Interaction, first: Substance, second: Substance, target: Component, where: ReturnType<typeof msg>) => {
            const key = `${first.name}|${target.$cstNode?.offset}|${interaction.$cstNode?.offset}|${originOf(interaction)}`;
            if (reported.has(key)) return;
            reported.add(key);
            report(accept, interaction.severity as ValidationSeverity, IssueCodes.Interaction,
                msg('diag.interaction', { first: first.name, second: second.name, where, reason: interaction.message, note: provenanceNote(interaction, interaction.source) }),
                { node: target, property: 'substance', relatedInformation: relatedTo(interaction, 'related.interaction'),
                    data: { substances: [first.name, second.name] } });
        };
        // `unless X`: the interaction is cleared when X (a vehicle, say) is in the same mixture.
        const cleared = (interaction: Interaction, inMixture: Substance[]) =>
            interaction.unless.some(u => inMixture.some(s => covers(u.ref, s)));
        const pairs = <T extends { substance: Substance }>(items: T[], interaction: Interaction, found: (a: T, b: T) => void) => {
            const itemSides = items.map(d => sidesOf(d.substance));
            for (let i = 0; i < items.length; i++) {
                if (!itemSides[i].left.has(interaction)) continue;
                for (let j = 0; j < items.length; j++) {
                    if (i === j || items[i].substance === items[j].substance || !itemSides[j].right.has(interaction)) continue;
                    found(items[i], items[j]);
                }
            }
        };
        const sessionWide = relevant.filter(x => !x.inMixture);
        const mixtureWide = relevant.filter(x => x.inMixture);
        // One mixture, one syringe: a physical incompatibility whether or not a session injects it.
        for (const mixture of mixtureWide.length > 0 ? semantics.mixtures : []) {
            // Each substance a component carries (a product's ingredients too).
            const components = mixture.components.flatMap(c => c.carries.map(x => ({ substance: x.substance, component: c.component })));
            const present = components.map(c => c.substance);
            for (const interaction of mixtureWide) {
                if (cleared(interaction, present)) continue;
                pairs(components, interaction, (a, b) => {
                    // The ingredients of one product were made to go together.
                    if (a.component === b.component) return;
                    // Report on the later component of the pair, once per pair and interaction.
                    const [first, second] = a.component.$cstNode!.offset < b.component.$cstNode!.offset ? [a, b] : [b, a];
                    emit(interaction, first.substance, second.substance, second.component, msg('part.inMixture', { name: mixture.mixture.name }));
                });
            }
        }
        for (const session of sessionWide.length > 0 ? semantics.sessions : []) {
            const doses = session.doses;
            if (doses.length < 2) continue;
            for (const interaction of sessionWide) {
                // A session-wide interaction with `unless`: cleared when every mixture that gives one side also holds the `unless`.
                const mixturesOf = (s: Substance) => session.injects.filter(i => i.doses.some(d => d.substance === s)).map(i => i.mixture?.components.flatMap(c => c.carries.map(x => x.substance)) ?? []);
                pairs(doses, interaction, (a, b) => {
                    if (interaction.unless.length > 0 && [...mixturesOf(a.substance), ...mixturesOf(b.substance)].every(m => cleared(interaction, m))) return;
                    const [first, second] = doses.indexOf(a) < doses.indexOf(b) ? [a, b] : [b, a];
                    emit(interaction, first.substance, second.substance, second.components[0], msg('part.inSession', { name: session.session.name }));
                });
            }
        }
    }

    checkComponentMustNotBeWithdrawn(component: Component, accept: ValidationAcceptor): void {
        const named = component.substance?.ref;
        for (const substance of substancesOf(named)) {
            const withdrawn = withdrawnOf(substance, profileAt(component, this.services.workspace.ProjectSettings));
            if (!withdrawn) continue;
            const via = named === substance ? '' : msg('part.inProduct', { name: named!.name });
            report(accept, 'error', IssueCodes.WithdrawnSubstance,
                msg('diag.withdrawn', { substance: substance.name, via, reason: withdrawn.reason, origin: originOf(withdrawn) }),
                { node: component, property: 'substance', relatedInformation: relatedTo(withdrawn, 'related.withdrawal'), data: { substance: substance.name } });
        }
    }

    /**
     * M1: at most N active substances per mixture, not counting diluents, vehicles and one local
     * anaesthetic ("three products plus or minus the anaesthetic", Ducreux 2012).
     */
    checkMixtureShouldNotHaveTooManySubstances(mixture: Mixture, accept: ValidationAcceptor): void {
        const protocol = mixture.$container;
        const active = [...new Set(mixture.components.flatMap(c => substancesOf(c.substance?.ref)).filter(s => isActive(s)))];
        const anaesthetic = active.find(s => hasClassNamed(s, ANESTHETIC_CLASS_NAME));
        const counted = active.filter(s => s !== anaesthetic);
        const indication = this.services.semantics.Semantics.protocol(protocol).indication;
        for (const limit of this.services.semantics.Rules.limitsFor(protocol, 'active substances per mixture', indication)) {
            if (!limit.max) continue;
            const n = new Fraction(counted.length);
            const over = limit.max.inclusive ? n.compare(limit.max.value) > 0 : n.compare(limit.max.value) >= 0;
            if (!over) continue;
            report(accept, limit.severity, IssueCodes.TooManySubstances,
                msg('diag.tooManySubstances', {
                    mixture: mixture.name, count: counted.length, names: counted.map(s => `'${s.name}'`).join(', '),
                    besides: anaesthetic ? msg('part.besidesAnaesthetic', { name: anaesthetic.name }) : '', max: formatNumber(limit.max.value),
                    note: provenanceNote(limit.limit, limit.limit.source)
                }),
                { node: mixture, property: 'name', relatedInformation: relatedTo(limit.limit, 'related.limit'), data: { count: counted.length } });
        }
        this.checkMixingRules(mixture, active, accept);
    }

    /** `mixing: <severity> "<reason>"` on a substance or its class: not to be mixed with other active substances (M4 corticosteroids, M5 PPC/DC). */
    private checkMixingRules(mixture: Mixture, active: Substance[], accept: ValidationAcceptor): void {
        if (active.length < 2) return;
        for (const component of mixture.components) for (const substance of substancesOf(component.substance?.ref)) {
            const rule = mixingOf(substance, profileAt(mixture, this.services.workspace.ProjectSettings));
            if (!rule) continue;
            // Members of the class that declares the rule may go together (phosphatidylcholine with
            // deoxycholate), and so may the ingredients of one product (made and licensed together).
            const own = substancesOf(component.substance?.ref);
            const others = active.filter(s => !own.includes(s) && !(isSubstanceClass(rule.from) && classesOf(s).includes(rule.from)));
            if (others.length === 0) continue;
            const p = provenanceOf(rule.clause);
            const from = rule.from === substance ? '' : msg('part.ofClass', { name: rule.from.name });
            report(accept, rule.clause.severity as ValidationSeverity, IssueCodes.NotForMixing,
                msg('diag.notForMixing', {
                    substance: substance.name, from, others: others.map(s => `'${s.name}'`).join(', '), mixture: mixture.name,
                    reason: rule.clause.message, note: provenanceNote(rule.clause, p.source)
                }),
                { node: component, property: 'substance', relatedInformation: relatedTo(rule.clause, 'related.mixing'), data: { substance: substance.name } });
        }
    }
}
