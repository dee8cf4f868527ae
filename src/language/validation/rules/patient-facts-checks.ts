import type { ValidationAcceptor, ValidationSeverity } from 'langium';
import {
    isAgeFact, isBirthFact, isConditionsFact, isExcludesClause, isFollowsFact, isLactationFact, isPregnancyFact, isSubstance,
    type AgeFact, type BirthFact, type Classifier, type Condition, type MedicationFact, type Patient, type Substance
} from '../../generated/ast.js';
import type { MesoServices } from '../../meso-module.js';
import { classesOf, contraindicationsInForce, provenanceOf } from '../../semantics/library.js';
import { parseIsoDate } from '../../semantics/patient-semantics.js';
import {
    LACTATION_CONDITION, PREGNANCY_CONDITION, medicineClasses, medicinesOf, minAgeOf, patientAge, takenOn, type MedicineFacts
} from '../../semantics/patient-facts.js';
import { IssueCodes } from '../issue-codes.js';
import { relatedTo } from '../related.js';
import { report } from '../report.js';
import { msg, type MessageArg } from '../../i18n/translate.js';
import { provenanceNote } from '../message-parts.js';

type Place = { node: Patient['facts'][number]; property?: string; index?: number };

/** A substance given and the dates of the sessions that give it (earliest dates, UTC ms). */
interface Given { readonly substance: Substance; readonly dates: number[] }

/** `(std: <source>)` for a substance rule. */
function ruleNote(clause: Parameters<typeof provenanceOf>[0]): MessageArg {
    return provenanceNote(clause, provenanceOf(clause).source);
}

/** True when an interaction side (substance or class) covers a medicine written as a substance or a class. */
function sideCoversMedicine(side: Classifier | undefined, medicine: Classifier): boolean {
    if (!side) return false;
    if (isSubstance(medicine)) return isSubstance(side) ? side === medicine : classesOf(medicine).includes(side);
    return !isSubstance(side) && medicineClasses(medicine).includes(side);
}

const sideCovers = (side: Classifier | undefined, s: Substance) => !!side && (isSubstance(side) ? side === s : classesOf(s).includes(side));

/**
 * Sex, age, pregnancy, breastfeeding and current medicines against what a patient's protocol
 * gives (#13 item 7): under-age, contraindicated (pregnant, lactating, a medicine's `therapy`,
 * a condition the protocol excludes), interaction (a medicine taken), and bad dates.
 */
export class PatientFactsChecks {
    constructor(private readonly services: MesoServices) {}

    checkPatientFacts(patient: Patient, accept: ValidationAcceptor): void {
        this.checkDates(patient, accept);
        const ps = this.services.semantics.Semantics.patient(patient);
        const protocol = ps.protocol;
        if (!protocol) return;
        const start = ps.start ? parseIsoDate(ps.start) : undefined;
        const given = this.givenWithDates(patient);
        this.checkExcludes(patient, protocol.name, protocol.members.filter(isExcludesClause).flatMap(e => e.conditions.map(c => c.ref)), accept);
        this.checkAges(patient, given, start, protocol.name, accept);
        const status: Array<[boolean, string, Place]> = [
            [!!patient.facts.find(isPregnancyFact) && !patient.facts.find(isPregnancyFact)!.not, PREGNANCY_CONDITION, { node: patient.facts.find(isPregnancyFact)! }],
            [!!patient.facts.find(isLactationFact) && !patient.facts.find(isLactationFact)!.not, LACTATION_CONDITION, { node: patient.facts.find(isLactationFact)! }]
        ];
        for (const [applies, name, place] of status) {
            if (applies) this.meetCondition(patient, given.map(g => g.substance), c => c.name === name, place, msg(name === PREGNANCY_CONDITION ? 'part.who.pregnant' : 'part.who.breastfeeding', { patient: patient.name }), protocol.name, accept);
        }
        this.checkMedicines(patient, given, protocol.name, accept);
    }

    /** The substances the plan gives (injected or in care), with the dates of the sessions that give them. */
    private givenWithDates(patient: Patient): Given[] {
        const ps = this.services.semantics.Semantics.patient(patient);
        const semantics = this.services.semantics.Semantics.protocol(ps.protocol!);
        const byS = new Map<Substance, number[]>();
        const add = (s: Substance, date: number | undefined) => {
            const list = byS.get(s) ?? byS.set(s, []).get(s)!;
            if (date !== undefined) list.push(date);
        };
        semantics.schedule.forEach((s, i) => {
            const date = ps.dates[i] ? parseIsoDate(ps.dates[i].earliest) : undefined;
            for (const d of s.facts?.doses ?? []) add(d.substance, date);
            for (const c of semantics.care.filter(c => !c.session || c.session === s.facts?.session)) c.substances.forEach(x => add(x, date));
        });
        for (const t of semantics.totals.substances) add(t.substance, undefined);
        for (const c of semantics.care) c.substances.forEach(x => add(x, undefined));
        return [...byS].map(([substance, dates]) => ({ substance, dates }));
    }

    private meetCondition(patient: Patient, substances: Substance[], match: (c: Condition) => boolean, place: Place, who: MessageArg, protocol: string, accept: ValidationAcceptor, skip?: Set<Substance>): Set<Substance> {
        const met = new Set<Substance>();
        for (const s of substances) {
            for (const { clause, from, condition } of contraindicationsInForce(s).filter(c => match(c.condition))) {
                met.add(s);
                if (skip?.has(s)) continue;
                const via = from === s ? '' : msg('part.asMember', { name: from.name });
                report(accept, (clause.severity ?? 'error') as ValidationSeverity, IssueCodes.Contraindicated,
                    msg('diag.contraindicated.who', { who, substance: s.name, protocol, condition: condition.name, via, note: ruleNote(clause) }),
                    { ...place, relatedInformation: relatedTo(clause, 'related.contraindication'), data: { substance: s.name, condition: condition.name } });
            }
        }
        for (const c of this.services.semantics.Rules.contraindications(patient).filter(c => c.condition?.ref && match(c.condition.ref))) {
            report(accept, c.severity as ValidationSeverity, IssueCodes.Contraindicated, msg('diag.contraindicated.whoRule', { who, reason: c.message, note: provenanceNote(c, c.source) }),
                { ...place, relatedInformation: relatedTo(c, 'related.contraindication'), data: { condition: c.condition.ref!.name } });
        }
        return met;
    }

    private checkExcludes(patient: Patient, protocol: string, excluded: Array<Condition | undefined>, accept: ValidationAcceptor): void {
        for (const fact of patient.facts.filter(isConditionsFact)) {
            fact.conditions.forEach((ref, index) => {
                if (!ref.ref || !excluded.includes(ref.ref)) return;
                report(accept, 'warning', IssueCodes.Contraindicated,
                    msg('diag.contraindicated.excluded', { patient: patient.name, condition: ref.ref.name, protocol }),
                    { node: fact, property: 'conditions', index, data: { condition: ref.ref.name } });
            });
        }
    }

    private checkAges(patient: Patient, given: Given[], start: number | undefined, protocol: string, accept: ValidationAcceptor): void {
        const fact: BirthFact | AgeFact | undefined = patient.facts.find(isBirthFact) ?? patient.facts.find(isAgeFact);
        if (!fact) return;
        for (const { substance, dates } of given) {
            const rule = minAgeOf(substance);
            if (!rule || !/^[0-9]+$/.test(rule.clause.age)) continue;
            // Its first session: the youngest the patient is when given it.
            const first = dates.length > 0 ? Math.min(...dates) : start;
            const age = patientAge(patient, first, parseIsoDate);
            if (age === undefined || age >= Number(rule.clause.age)) continue;
            const when = first !== undefined ? msg('part.on', { date: new Date(first).toISOString().slice(0, 10) }) : '';
            const from = rule.from === substance ? '' : msg('part.ofClass', { name: rule.from.name });
            report(accept, (rule.clause.severity ?? 'error') as ValidationSeverity, IssueCodes.UnderAge,
                msg('diag.underAge', { patient: patient.name, age, when, substance: substance.name, from, protocol, min: rule.clause.age, note: ruleNote(rule.clause) }),
                { node: fact, property: isBirthFact(fact) ? 'date' : 'age', relatedInformation: relatedTo(rule.clause, 'related.minAge'), data: { substance: substance.name, age } });
        }
    }

    private checkMedicines(patient: Patient, given: Given[], protocol: string, accept: ValidationAcceptor): void {
        const interactions = this.services.semantics.Rules.interactions(patient).filter(x => !x.inMixture);
        for (const m of medicinesOf(patient)) {
            // A date that does not exist, or a range that runs backwards, is reported on its own; nothing is guessed.
            const since = m.fact.since ? parseIsoDate(m.fact.since) : undefined;
            const until = m.fact.until ? parseIsoDate(m.fact.until) : undefined;
            if ((m.fact.since && since === undefined) || (m.fact.until && until === undefined) || (since !== undefined && until !== undefined && until < since)) continue;
            // The substances given while the medicine counts as taken (any session date; without dates, while it is current).
            const during = given.filter(g => g.substance !== m.medicine && (g.dates.length > 0 ? g.dates.some(d => takenOn(m, d, parseIsoDate)) : !m.fact.until));
            if (during.length === 0) continue;
            const place: Place = { node: m.fact, property: 'medicines', index: m.index };
            const who = this.takesText(patient, m);
            const met = new Set<Substance>();
            for (const therapy of m.therapies) {
                this.meetCondition(patient, during.map(g => g.substance), c => c === therapy, place, msg('part.who.therapy', { who, therapy: therapy.name }), protocol, accept)
                    .forEach(s => met.add(s));
            }
            for (const x of interactions) {
                for (const [mine, theirs] of [[x.left?.ref, x.right?.ref], [x.right?.ref, x.left?.ref]] as const) {
                    if (!sideCoversMedicine(mine, m.medicine)) continue;
                    for (const g of during.filter(g => !met.has(g.substance) && sideCovers(theirs, g.substance))) {
                        met.add(g.substance);
                        report(accept, x.severity as ValidationSeverity, IssueCodes.Interaction,
                            msg('diag.interaction.medicine', { who, protocol, substance: g.substance.name, reason: x.message, note: provenanceNote(x, x.source) }),
                            { ...place, relatedInformation: relatedTo(x, 'related.interaction'), data: { substances: [m.medicine.name, g.substance.name] } });
                    }
                }
            }
        }
    }

    /** `'ada' takes 'warfarin' since 2026-01-01`, `'ada' took 'isotretinoin' from … until … (washout 30 days)`. */
    private takesText(patient: Patient, m: MedicineFacts): MessageArg {
        const f = m.fact as MedicationFact;
        return msg(f.took ? 'part.who.took' : 'part.who.takes', {
            patient: patient.name, medicine: m.medicine.name,
            since: f.since ? msg(f.took ? 'part.from' : 'part.since', { date: f.since }) : '',
            until: f.until ? msg('part.until', { date: f.until }) : '',
            washout: f.until && m.washoutDays ? msg('part.washout', { days: m.washoutDays.valueOf() }) : ''
        });
    }

    /** Dates that do not exist, a medicine stopped before it was started, a birth after the first session. */
    private checkDates(patient: Patient, accept: ValidationAcceptor): void {
        for (const fact of patient.facts) {
            if (fact.$type === 'MedicationFact') {
                const since = fact.since ? parseIsoDate(fact.since) : undefined;
                const until = fact.until ? parseIsoDate(fact.until) : undefined;
                for (const [prop, text, value] of [['since', fact.since, since], ['until', fact.until, until]] as const) {
                    if (text && value === undefined) report(accept, 'error', IssueCodes.InvalidDate, msg('diag.invalidDate.notADate', { text }), { node: fact, property: prop });
                }
                if (since !== undefined && until !== undefined && until < since) {
                    report(accept, 'error', IssueCodes.InvalidRange, msg('diag.invalidRange.medicine', { since: fact.since!, until: fact.until! }),
                        { node: fact, property: 'until' });
                }
            } else if (isBirthFact(fact)) {
                const born = parseIsoDate(fact.date);
                const start = patient.facts.find(isFollowsFact);
                const first = start ? parseIsoDate(start.start) : undefined;
                if (born === undefined) report(accept, 'error', IssueCodes.InvalidDate, msg('diag.invalidDate.notADate', { text: fact.date }), { node: fact, property: 'date' });
                else if (first !== undefined && born > first) report(accept, 'error', IssueCodes.InvalidDate, msg('diag.invalidDate.bornAfter', { patient: patient.name, date: fact.date, start: start!.start }), { node: fact, property: 'date' });
            } else if (isAgeFact(fact) && (!/^[0-9]+$/.test(fact.age) || Number(fact.age) > 130)) {
                report(accept, 'error', IssueCodes.InvalidNumber, msg('diag.invalidNumber.age', { age: fact.age }), { node: fact, property: 'age' });
            }
        }
    }
}
