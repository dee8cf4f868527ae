import type { ValidationAcceptor, ValidationSeverity } from 'langium';
import { isAllergyFact, isConditionsFact, isFollowsFact, type Patient, type Substance } from '../../generated/ast.js';
import type { MesoServices } from '../../meso-module.js';
import { contraindicationsInForce, provenanceOf } from '../../semantics/library.js';
import { skinTestNeeds, skinTestPlanOf, skinTestSeverity } from '../../semantics/skin-test.js';
import { skinTestReason } from './skin-test-text.js';
import { parseIsoDate } from '../../semantics/patient-semantics.js';
import { covers } from './combination-checks.js';
import { IssueCodes } from '../issue-codes.js';
import { relatedTo } from '../related.js';
import { report } from '../report.js';
import { msg } from '../../i18n/translate.js';
import { provenanceNote } from '../message-parts.js';

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
                        const via = from === s ? '' : msg('part.asMember', { name: from.name });
                        report(accept, (clause.severity ?? 'error') as ValidationSeverity, IssueCodes.Contraindicated,
                            msg('diag.contraindicated.protocol', { substance: s.name, protocol: protocol.name, condition: condition.name, via, note: provenanceNote(clause, p.source) }),
                            { node: fact, property: 'conditions', index, relatedInformation: relatedTo(clause, 'related.contraindication'), data: { substance: s.name, condition: condition.name } });
                    }
                }
                for (const c of this.services.semantics.Rules.contraindications(patient).filter(c => c.condition?.ref === condition)) {
                    report(accept, c.severity as ValidationSeverity, IssueCodes.Contraindicated,
                        msg('diag.contraindicated.patientRule', { patient: patient.name, condition: condition.name, reason: c.message, note: provenanceNote(c, c.source) }),
                        { node: fact, property: 'conditions', index, relatedInformation: relatedTo(c, 'related.contraindication'), data: { condition: condition.name } });
                }
            });
        }
        for (const fact of patient.facts.filter(isAllergyFact)) {
            fact.allergens.forEach((ref, index) => {
                const given = substances.filter(s => covers(ref.ref, s));
                if (given.length === 0) return;
                report(accept, 'error', IssueCodes.Allergy,
                    msg('diag.allergy', { patient: patient.name, allergen: ref.$refText, protocol: protocol.name, substances: given.map(s => `'${s.name}'`).join(', ') }),
                    { node: fact, property: 'allergens', index, data: { substances: given.map(s => s.name) } });
            });
        }
        this.checkSkinTests(patient, accept);
        const follows = patient.facts.find(isFollowsFact);
        const protocolSemantics = this.services.semantics.Semantics.protocol(protocol);
        // Days that could not be read have no dates either; their error is in the protocol.
        if (follows && parseIsoDate(follows.start) !== undefined && protocolSemantics.schedule.length > 0 && !protocolSemantics.daysUnknown && ps.dates.length === 0) {
            report(accept, 'error', IssueCodes.InvalidDate,
                msg('diag.invalidDate.plan', { patient: patient.name, start: follows.start }),
                { node: follows, property: 'start' });
        }
    }

    private checkSkinTests(patient: Patient, accept: ValidationAcceptor): void {
        const ps = this.services.semantics.Semantics.patient(patient);
        const start = ps.start ? parseIsoDate(ps.start) : undefined;
        for (const test of ps.skinTests) {
            if (test.result === 'positive') {
                report(accept, 'error', IssueCodes.SkinTestPositive,
                    msg('diag.skinTestPositive', { date: test.date, protocol: ps.protocol!.name }),
                    { node: test, property: 'result' });
            }
            const date = parseIsoDate(test.date);
            if (start !== undefined && date !== undefined && date > start) {
                report(accept, 'error', IssueCodes.SkinTestLate,
                    msg('diag.skinTestLate', { date: test.date, start: ps.start! }),
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
                msg('diag.missingSkinTest.patient', { patient: patient.name, reason: skinTestReason(need) }),
                { node: follows, property: 'protocol', relatedInformation: relatedTo(need.kind === 'policy' ? need.requirement : need.rule.clause, 'related.skinTest') });
        }
    }
}
