import { AstUtils, type AstNode } from 'langium';
import { isProtocol, isSubstance, type Model, type Protocol, type Substance, type SubstanceClass } from '../generated/ast.js';
import type { MesoServices } from '../meso-module.js';
import { isStdUri } from '../std/std-library.js';
import { classesOf, rulesInForce, type RuleOwner } from './library.js';
import { profileInForce, profileNamesOf, type ProfileOrigin, type ProfileTagged } from './profiles.js';

/** Where a rule in force comes from (`meso rules`). */
export type RuleOrigin = 'std' | 'profile' | 'formulary' | 'protocol';

export interface EffectiveRule {
    /** The rule as written, on one line, without its provenance. */
    readonly text: string;
    readonly origin: RuleOrigin;
    /** The file that declares it: `std:<file>` or a path as the caller shows it. */
    readonly file: string;
    readonly line: number;
    /** For a substance rule declared on a class: the class. */
    readonly viaClass?: string;
    /** For a rule tagged `under <profile>`. */
    readonly profile?: string;
}

export interface EffectiveProtocolRules {
    readonly protocol: string;
    readonly profile: string;
    readonly profileOrigin: ProfileOrigin;
    readonly limits: EffectiveRule[];
    readonly substances: Array<{ readonly substance: string; readonly rules: EffectiveRule[] }>;
    readonly interactions: EffectiveRule[];
    readonly contraindications: EffectiveRule[];
}

const METRICS = ['sessions per cycle', 'interval', 'volume per point', 'needle length', 'depth', 'active substances per mixture', 'points per session', 'volume per session'];

/** One line of a rule as written: its text up to its provenance, spaces collapsed. */
function ruleText(node: AstNode): string {
    const text = node.$cstNode?.text ?? '';
    const cut = text.search(/\[|\bsource\s+"|\bevidence\s+(regulatory|peer-reviewed|teaching|weak|design|uncertain)\b/);
    return (cut >= 0 ? text.slice(0, cut) : text).replace(/\s+/g, ' ').trim();
}

/**
 * The rules in force for each protocol of a file, with where each comes from: std, a profile
 * (a rule tagged `under <profile>`), a formulary (another project file, imported or named in
 * meso.config.json), or the protocol itself. `show` turns a document URI into the path shown.
 */
export function effectiveRules(model: Model, services: MesoServices, show: (uri: string) => string): EffectiveProtocolRules[] {
    const settings = services.workspace.ProjectSettings;
    const rules = services.semantics.Rules;
    const self = model.$document?.uri.toString();
    const describe = (node: AstNode, protocol: Protocol, viaClass?: RuleOwner): EffectiveRule => {
        const uri = AstUtils.getDocument(node).uri;
        const tagged = profileNamesOf(node as ProfileTagged);
        const inProtocol = AstUtils.getContainerOfType(node, isProtocol) === protocol || uri.toString() === self;
        const origin: RuleOrigin = tagged.length > 0 ? 'profile' : isStdUri(uri) ? 'std' : inProtocol ? 'protocol' : 'formulary';
        return {
            text: ruleText(node), origin, file: isStdUri(uri) ? `std:${uri.path.replace(/^\//, '')}` : show(uri.toString()),
            line: (node.$cstNode?.range.start.line ?? 0) + 1,
            ...(viaClass && { viaClass: viaClass.name }),
            ...(tagged.length > 0 && { profile: tagged.join(', ') })
        };
    };
    return model.elements.filter(isProtocol).map(protocol => {
        const { name: profile, origin: profileOrigin } = profileInForce(protocol, settings);
        const semantics = services.semantics.Semantics.protocol(protocol);
        const limits = METRICS.flatMap(metric => rules.limitsFor(protocol, metric, semantics.indication).map(l => describe(l.limit, protocol)));
        const requirement = rules.skinTestRequirement(protocol);
        if (requirement) limits.push(describe(requirement, protocol));
        const used: Substance[] = [...new Set(semantics.sessions.flatMap(s => s.doses.map(d => d.substance)))]
            .sort((a, b) => a.name.localeCompare(b.name));
        const substances = used.map(substance => ({
            substance: substance.name,
            rules: rulesInForce(substance, profile).map(r => describe(r.clause, protocol, r.from === substance ? undefined : r.from))
        }));
        const covers = (c: Substance | SubstanceClass | undefined, s: Substance) => c === s || (!isSubstance(c) && c !== undefined && classesOf(s).includes(c));
        const interactions = rules.interactions(protocol)
            .filter(i => used.some(a => covers(i.left?.ref, a) && used.some(b => b !== a && covers(i.right?.ref, b))))
            .map(i => describe(i, protocol));
        const contraindications = rules.contraindications(protocol).map(c => describe(c, protocol));
        return { protocol: protocol.name, profile, profileOrigin, limits, substances, interactions, contraindications };
    });
}
