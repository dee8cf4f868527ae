import { Fraction } from 'fraction.js';
import {
    isAgeFact, isBirthFact, isLactationFact, isMedicationFact, isMinAgeClause, isPregnancyFact, isSexFact, isSubstance,
    isTherapyClause, isWashoutClause,
    type Classifier, type Condition, type MedicationFact, type MinAgeClause, type Patient, type Substance, type SubstanceClass
} from '../generated/ast.js';
import { classLevelsOf, rulesOfType, type RuleInForce, type RuleOwner } from './library.js';
import { known, readValue } from './reading.js';

/**
 * What a patient is, beyond weight and conditions (#13 item 7): sex, age, pregnancy and
 * breastfeeding, and the medicines they take or took. Dates are ISO `YYYY-MM-DD`.
 */
export interface MedicineFacts {
    readonly fact: MedicationFact;
    readonly index: number;
    readonly medicine: Classifier;
    /** How long after `until` it still counts as taken, in days (its `washout`, own or from a class). */
    readonly washoutDays?: Fraction;
    /** The conditions taking it amounts to (`therapy`, own or from a class). */
    readonly therapies: Condition[];
}

/** Condition names the language gives a meaning to: what `pregnant` and `lactating` meet. */
export const PREGNANCY_CONDITION = 'pregnancy';
export const LACTATION_CONDITION = 'breastfeeding';

export function sexOf(patient: Patient): string | undefined {
    return patient.facts.find(isSexFact)?.sex;
}

export function isPregnant(patient: Patient): boolean {
    const f = patient.facts.find(isPregnancyFact);
    return !!f && !f.not;
}

export function isLactating(patient: Patient): boolean {
    const f = patient.facts.find(isLactationFact);
    return !!f && !f.not;
}

/** The levels of rule owners a medicine's rules come from: the substance and its classes, or the class and its parents. */
function ownerLevels(medicine: Classifier): RuleOwner[][] {
    return [[medicine], ...classLevelsOf(medicine)];
}

/** Every class a medicine belongs to (a class medicine: itself and its parents). */
export function medicineClasses(medicine: Classifier): SubstanceClass[] {
    return ownerLevels(medicine).flat().filter((o): o is SubstanceClass => !isSubstance(o));
}

export function medicinesOf(patient: Patient): MedicineFacts[] {
    const result: MedicineFacts[] = [];
    for (const fact of patient.facts.filter(isMedicationFact)) {
        fact.medicines.forEach((ref, index) => {
            const medicine = ref.ref;
            if (!medicine) return;
            const owners = ownerLevels(medicine).flat();
            const washout = owners.flatMap(o => o.clauses.filter(isWashoutClause))[0];
            const therapies = owners.flatMap(o => o.clauses.filter(isTherapyClause)).map(c => c.condition.ref).filter((c): c is Condition => !!c);
            result.push({ fact, index, medicine, washoutDays: known(readValue(washout?.period, 'time')), therapies: [...new Set(therapies)] });
        });
    }
    return result;
}

const DAY = 86_400_000;

/**
 * Whether a medicine counts as taken on a date (UTC ms): from `since` (or always) to `until`
 * plus its washout (or for good). Undefined dates are not compared.
 */
export function takenOn(m: MedicineFacts, date: number, parse: (iso: string) => number | undefined): boolean {
    const since = m.fact.since ? parse(m.fact.since) : undefined;
    const until = m.fact.until ? parse(m.fact.until) : undefined;
    if (since !== undefined && date < since) return false;
    if (until === undefined) return !m.fact.until;
    // A washout of 5 days after stopping on the 26th clears it on the 31st.
    const washout = m.washoutDays ? Number(m.washoutDays.valueOf()) * DAY : 0;
    return date <= until || date < until + washout;
}

/** Whole years from a birth date to a date (both UTC ms); undefined when the date is before the birth. */
export function ageOn(born: number, date: number): number | undefined {
    if (date < born) return undefined;
    const b = new Date(born);
    const d = new Date(date);
    let years = d.getUTCFullYear() - b.getUTCFullYear();
    if (d.getUTCMonth() < b.getUTCMonth() || (d.getUTCMonth() === b.getUTCMonth() && d.getUTCDate() < b.getUTCDate())) years--;
    return years;
}

/** The patient's age on a date: from `born`, else the `age` written (the age at the first session). */
export function patientAge(patient: Patient, date: number | undefined, parse: (iso: string) => number | undefined): number | undefined {
    const born = patient.facts.find(isBirthFact);
    if (born) {
        const b = parse(born.date);
        return b !== undefined && date !== undefined ? ageOn(b, date) : undefined;
    }
    const age = patient.facts.find(isAgeFact)?.age;
    return age !== undefined && /^[0-9]+$/.test(age) ? Number(age) : undefined;
}

/** The youngest age a substance may be given at (own rule or a class's). */
export function minAgeOf(substance: Substance): RuleInForce<MinAgeClause> | undefined {
    return rulesOfType(substance, isMinAgeClause)[0];
}
