import type { ValidationAcceptor, ValidationSeverity } from 'langium';
import { isAllergyFact, isConditionsFact, isFollowsFact, type Patient, type Substance } from '../../generated/ast.js';
import type { MesoServices } from '../../meso-module.js';
import { contraindicationsInForce, provenanceOf } from '../../semantics/library.js';
import { skinTestNeeds, skinTestPlanOf, skinTestSeverity } from '../../semantics/skin-test.js';
import { skinTestReason } from './skin-test-text.js';
import { parseIsoDate } from '../../semantics/patient-semantics.js';
import { covers } from './combination-checks.js';
import { IssueCodes } from '../issue-codes.js';
import { originOf, relatedTo, sourceNote } from '../related.js';
import { report } from '../report.js';

/** contraindicated, allergy, skin-test-late, skin-test-positive, missing-skin-test (patient side), a plan off the calendar (invalid-date). */
export class PatientChecks {
    constructor(private readonly services: MesoServices) {}

    checkPatient(patient: Patient, accept: ValidationAcceptor): void {
        const ps = this.services.semantics.Semantics.patient(patient);
        if (!ps.protocol) return;
        const protocol = ps.protocol;
        // What the protocol injects and what its care items give (a topical anaesthetic is still a substance).
        const given = this.services.semantics.Semantics.protocol(protocol);
        const substances: Substance[] = [...new Set([...given.totals.substances.map(t => t.substance), ...given.care.flatMap(c => c.substances)])];
        for (const fact of patient.facts.filter(isConditionsFact)) {
            fact.conditions.forEach((ref, index) => {
                const condition = ref.ref;
                if (!condition) return;
                for (const s of substances) {
                    for (const { clause, from } of contraindicationsInForce(s, this.services.semantics.Semantics.protocol(protocol).profile).filter(c => c.condition === condition)) {
                        const p = provenanceOf(clause);
                        const via = from === s ? '' : ` (as a member of class '${from.name}')`;
                        report(accept, (clause.severity ?? 'error') as ValidationSeverity, IssueCodes.Contraindicated,
                            `'${s.name}' in protocol '${protocol.name}' is contraindicated in '${condition.name}'${via} (${originOf(clause)}${p.source ? `: ${p.source}` : ''}).`,
                            { node: fact, property: 'conditions', index, relatedInformation: relatedTo(clause, 'contraindication declared here'), data: { substance: s.name, condition: condition.name } });
                    }
                }
                for (const c of this.services.semantics.Rules.contraindications(patient).filter(c => c.condition?.ref === condition)) {
                    report(accept, c.severity as ValidationSeverity, IssueCodes.Contraindicated,
                        `'${patient.name}' has '${condition.name}': ${c.message} ${sourceNote(c)}.`,
                        { node: fact, property: 'conditions', index, relatedInformation: relatedTo(c, 'contraindication declared here'), data: { condition: condition.name } });
                }
            });
        }
        for (const fact of patient.facts.filter(isAllergyFact)) {
            fact.allergens.forEach((ref, index) => {
                const given = substances.filter(s => covers(ref.ref, s));
                if (given.length === 0) return;
                report(accept, 'error', IssueCodes.Allergy,
                    `'${patient.name}' is allergic to '${ref.$refText}', and protocol '${protocol.name}' gives ${given.map(s => `'${s.name}'`).join(', ')}.`,
                    { node: fact, property: 'allergens', index, data: { substances: given.map(s => s.name) } });
            });
        }
        this.checkSkinTests(patient, accept);
        const follows = patient.facts.find(isFollowsFact);
        const protocolSemantics = this.services.semantics.Semantics.protocol(protocol);
        // Days that could not be read have no dates either; their error is in the protocol.
        if (follows && parseIsoDate(follows.start) !== undefined && protocolSemantics.schedule.length > 0 && !protocolSemantics.daysUnknown && ps.dates.length === 0) {
            report(accept, 'error', IssueCodes.InvalidDate,
                `The plan of '${patient.name}' from ${follows.start} runs past 9999-12-31: its sessions have no calendar dates.`,
                { node: follows, property: 'start' });
        }
    }

    private checkSkinTests(patient: Patient, accept: ValidationAcceptor): void {
        const ps = this.services.semantics.Semantics.patient(patient);
        const start = ps.start ? parseIsoDate(ps.start) : undefined;
        for (const test of ps.skinTests) {
            if (test.result === 'positive') {
                report(accept, 'error', IssueCodes.SkinTestPositive,
                    `The skin test of ${test.date} was positive: do not start protocol '${ps.protocol!.name}' without a clinical review.`,
                    { node: test, property: 'result' });
            }
            const date = parseIsoDate(test.date);
            if (start !== undefined && date !== undefined && date > start) {
                report(accept, 'error', IssueCodes.SkinTestLate,
                    `The skin test of ${test.date} is after the first session on ${ps.start}: it must come before.`,
                    { node: test, property: 'date' });
            }
        }
        const follows = patient.facts.find(isFollowsFact);
        const protocol = ps.protocol!;
        // A protocol that records why no test is needed speaks for its patients too.
        if (!follows || ps.skinTests.length > 0 || skinTestPlanOf(protocol)?.notNeeded) return;
        const semantics = this.services.semantics.Semantics.protocol(protocol);
        for (const need of skinTestNeeds(semantics, this.services.semantics.Rules.skinTestRequirement(patient))) {
            report(accept, skinTestSeverity(need), IssueCodes.MissingSkinTest,
                `'${patient.name}' has no skin test recorded before the first session, which ${skinTestReason(need)}: add 'skin test on <date> negative'.`,
                { node: follows, property: 'protocol', relatedInformation: relatedTo(need.kind === 'policy' ? need.requirement : need.rule.clause, 'skin test asked for here') });
        }
    }
}
