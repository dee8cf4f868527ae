import type { Fraction } from 'fraction.js';
import {
    isAllergyFact, isConditionsFact, isFollowsFact, isSkinTestResult, isWeightFact,
    type Classifier, type Condition, type Patient, type Protocol, type SkinTestResult
} from '../generated/ast.js';
import { toAmount } from '../units/quantity.js';
import type { ProtocolSemantics } from './protocol-semantics.js';
import { isoAfter, planDates, type PlanDate } from './plan-calendar.js';

/** A patient's plan: the protocol they follow, laid out on the calendar. */
export interface PatientSemantics {
    readonly patient: Patient;
    readonly weightKg?: Fraction;
    readonly conditions: Condition[];
    readonly allergens: Classifier[];
    readonly skinTests: SkinTestResult[];
    readonly protocol?: Protocol;
    readonly start?: string;
    /**
     * ISO date of each scheduled session, in schedule order, at the earliest and the latest (they
     * differ when a gap before it is a range); empty without a valid start date or known days.
     */
    readonly dates: PlanDate[];
}

export type { PlanDate } from './plan-calendar.js';

/**
 * `2026-12-01` + 4 days → `2026-12-05`; undefined for an invalid date, or a result off the
 * YYYY-MM-DD calendar (after 9999-12-31). Fractional days round down.
 */
export function addDays(isoDate: string, days: Fraction): string | undefined {
    const base = parseIsoDate(isoDate);
    return base === undefined ? undefined : isoAfter(base, days);
}


/** Milliseconds since the epoch at UTC midnight, or undefined when the date does not exist. */
export function parseIsoDate(isoDate: string): number | undefined {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
    if (!m) return undefined;
    const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
    return new Date(t).toISOString().slice(0, 10) === isoDate ? t : undefined;
}

export function computePatientSemantics(patient: Patient, protocolSemantics?: (p: Protocol) => ProtocolSemantics): PatientSemantics {
    const written = patient.facts.find(isWeightFact)?.weight;
    const weight = written ? toAmount(written) : undefined;
    const follows = patient.facts.find(isFollowsFact);
    const protocol = follows?.protocol?.ref;
    const schedule = protocol && protocolSemantics ? protocolSemantics(protocol).schedule : [];
    // The start date is parsed once, not once per scheduled session.
    const base = follows ? parseIsoDate(follows.start) : undefined;
    const dates = base !== undefined ? planDates(schedule, base) ?? [] : [];
    return {
        patient,
        weightKg: weight?.dimension === 'body-weight' ? weight.value : undefined,
        conditions: patient.facts.filter(isConditionsFact).flatMap(f => f.conditions.map(r => r.ref)).filter((c): c is Condition => !!c),
        allergens: patient.facts.filter(isAllergyFact).flatMap(f => f.allergens.map(r => r.ref)).filter((c): c is Classifier => !!c),
        skinTests: patient.facts.filter(isSkinTestResult),
        protocol,
        start: follows?.start,
        dates: dates.length === schedule.length ? dates : []
    };
}
