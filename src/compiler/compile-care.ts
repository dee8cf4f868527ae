import { isAgeFact, isBirthFact, isLactationFact, isMedicationFact, isPregnancyFact, type Patient } from '../language/generated/ast.js';
import type { CareFacts } from '../language/semantics/care.js';
import { sexOf } from '../language/semantics/patient-facts.js';
import { measureQuantity, spanQuantity } from './json-values.js';
import type * as J from './meso-json.generated.js';

/** Pre-treatment, after-care and co-therapies, as written (#13 item 8). */
export function careJson(care: CareFacts[]): J.Care[] {
    return care.map(c => ({
        timing: c.timing,
        ...(c.session && { session: c.session.name }),
        substances: c.substances.map(s => s.name),
        ...(c.item.measure !== undefined && { measure: c.item.measure }),
        ...(c.amount && { amount: measureQuantity(c.amount) }),
        ...(c.route && { route: c.route as J.Care['route'] }),
        ...(c.durationDays && { duration: spanQuantity(c.durationDays, 'd') }),
        ...(c.item.note !== undefined && { note: c.item.note })
    }));
}

/** Sex, birth date or age, pregnancy and breastfeeding, medicines: only what the patient's file states. */
export function patientFactsJson(patient: Patient): Partial<J.Patient> {
    const sex = sexOf(patient);
    const born = patient.facts.find(isBirthFact);
    const age = patient.facts.find(isAgeFact);
    const pregnancy = patient.facts.find(isPregnancyFact);
    const lactation = patient.facts.find(isLactationFact);
    const medicines = patient.facts.filter(isMedicationFact).flatMap(f => f.medicines.map(m => ({
        medicine: m.ref?.name ?? m.$refText, took: !!f.took, ...(f.since && { since: f.since }), ...(f.until && { until: f.until })
    })));
    return {
        ...(sex && { sex: sex as J.Patient['sex'] }),
        ...(born && { born: born.date }),
        ...(!born && age && { age: Number(age.age) }),
        ...(pregnancy && { pregnant: !pregnancy.not }),
        ...(lactation && { lactating: !lactation.not }),
        ...(medicines.length > 0 && { medicines })
    };
}
