import { isSkinTestPlan, type Protocol, type Requirement, type SkinTestClause, type SkinTestPlan, type Substance } from '../generated/ast.js';
import { skinTestOf, type RuleInForce } from './library.js';
import type { ProtocolSemantics } from './protocol-semantics.js';

/**
 * Why a protocol needs a skin sensitivity test before its first session: a clinic's
 * `require skin test` in scope (a policy for every protocol), or a substance it gives whose own
 * rule or class rule says `skin test required` (with the source that says so).
 */
export type SkinTestNeed =
    | { readonly kind: 'policy'; readonly requirement: Requirement }
    | { readonly kind: 'substance'; readonly substance: Substance; readonly rule: RuleInForce<SkinTestClause> };

/** The protocol's own word on skin testing: a planned test, or `skin test not needed "reason"`. */
export function skinTestPlanOf(protocol: Protocol): SkinTestPlan | undefined {
    return protocol.members.find(isSkinTestPlan);
}

/** Every reason the protocol needs a skin test, policy first, then substances in order of use. */
export function skinTestNeeds(semantics: ProtocolSemantics, policy: Requirement | undefined): SkinTestNeed[] {
    const needs: SkinTestNeed[] = policy ? [{ kind: 'policy', requirement: policy }] : [];
    const given = [...new Set(semantics.sessions.flatMap(s => s.doses.map(d => d.substance)))];
    for (const substance of given) {
        const rule = skinTestOf(substance, semantics.profile);
        if (rule) needs.push({ kind: 'substance', substance, rule });
    }
    return needs;
}

/** The severity a need asks for (`: info` on the rule, else warning). */
export function skinTestSeverity(need: SkinTestNeed): 'error' | 'warning' | 'info' {
    const severity = need.kind === 'policy' ? need.requirement.severity : need.rule.clause.severity;
    return (severity ?? 'warning') as 'error' | 'warning' | 'info';
}
