import type { ValidationAcceptor, ValidationSeverity } from 'langium';
import type { Protocol, Substance } from '../../generated/ast.js';
import type { MesoServices } from '../../meso-module.js';
import { careOfSession } from '../../semantics/care.js';
import { amountCapsOf, classesOf, provenanceOf } from '../../semantics/library.js';
import { formatAmount, formatUpTo } from '../../units/quantity.js';
import { isSubstance, type Classifier } from '../../generated/ast.js';
import { IssueCodes } from '../issue-codes.js';
import { originOf, relatedTo } from '../related.js';
import { report } from '../report.js';

const covers = (side: Classifier | undefined, s: Substance) => !!side && (isSubstance(side) ? side === s : classesOf(s).includes(side));

/**
 * Care around the sessions (#13 item 8): a substance given as pre-treatment, after-care or
 * co-therapy counts toward its caps per session with what the session injects
 * (`overdose-session` at the care item), and meets the session's substances in the declared
 * interactions (`interaction`). Allergies and conditions are checked with the patient.
 */
export class CareChecks {
    constructor(private readonly services: MesoServices) {}

    checkCare(protocol: Protocol, accept: ValidationAcceptor): void {
        const semantics = this.services.semantics.Semantics.protocol(protocol);
        if (semantics.care.length === 0) return;
        const interactions = this.services.semantics.Rules.interactions(protocol).filter(x => !x.inMixture);
        const seen = new Set<string>();
        const once = (key: string) => !seen.has(key) && !!seen.add(key);
        for (const session of semantics.sessions) {
            const care = careOfSession(semantics.care, session.session);
            for (const c of care) {
                const substance = c.dose && c.substances[0];
                if (substance && c.dose) {
                    const injected = session.doses.find(d => d.substance === substance);
                    // An injected amount that is unknown is reported where it is written.
                    if (injected && !injected.amount) continue;
                    const others = care.filter(o => o.dose && o.substances[0] === substance);
                    for (const cap of amountCapsOf(substance).filter(k => k.kind === 'session' && k.amount.dimension === c.dose!.dimension)) {
                        const fromCare = others.reduce((sum, o) => sum.add(o.dose!.span.high), c.dose.span.low.mul(0));
                        const fromInjects = injected?.amount?.dimension === cap.amount.dimension ? injected.amount.span.high : c.dose.span.low.mul(0);
                        const total = fromCare.add(fromInjects);
                        // The injects alone over the cap are already reported on their components.
                        if (total.compare(cap.amount.value) <= 0 || fromInjects.compare(cap.amount.value) > 0) continue;
                        if (!once(`cap|${c.item.$cstNode?.offset}|${session.session.name}|${cap.clause.$cstNode?.offset}`)) continue;
                        const p = provenanceOf(cap.clause);
                        report(accept, (cap.clause.severity ?? 'error') as ValidationSeverity, IssueCodes.OverdoseSession,
                            `'${substance.name}' ${formatUpTo({ span: { low: total, high: total }, dimension: cap.amount.dimension })} in session '${session.session.name}' (${formatUpTo(c.dose)} as ${c.timing}${fromInjects.equals(0) ? '' : ' with what is injected'}) exceeds its maximum of ${formatAmount(cap.amount)} per session (${originOf(cap.clause)}${p.source ? `: ${p.source}` : ''}).`,
                            { node: c.item, property: 'amount', relatedInformation: relatedTo(cap.clause, 'maximum declared here'), data: { substance: substance.name } });
                    }
                }
                c.item.substances.forEach((ref, index) => {
                    const s = ref.ref;
                    if (!s) return;
                    for (const x of interactions) {
                        for (const d of session.doses) {
                            if (d.substance === s || !((covers(x.left?.ref, s) && covers(x.right?.ref, d.substance)) || (covers(x.right?.ref, s) && covers(x.left?.ref, d.substance)))) continue;
                            if (!once(`x|${c.item.$cstNode?.offset}|${index}|${x.$cstNode?.offset}|${d.substance.name}`)) continue;
                            report(accept, x.severity as ValidationSeverity, IssueCodes.Interaction,
                                `'${s.name}' (${c.timing}) and '${d.substance.name}' in session '${session.session.name}': ${x.message} (${originOf(x)}${x.source ? `: ${x.source}` : ''}).`,
                                { node: c.item, property: 'substances', index, relatedInformation: relatedTo(x, 'interaction declared here'), data: { substances: [s.name, d.substance.name] } });
                        }
                    }
                });
            }
        }
    }
}
