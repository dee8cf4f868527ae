import type { Fraction } from 'fraction.js';
import {
    isAllergyFact, isConditionsFact, isFollowsFact, isSkinTestResult, isWeightFact,
    type Classifier, type Condition, type Patient, type Protocol, type SkinTestResult
} from '../generated/ast.js';
import { toAmount } from '../units/quantity.js';
import type { ProtocolSemantics } from './protocol-semantics.js';

/** A patient's plan: the protocol they follow, laid out on the calendar. */
export interface PatientSemantics {
    readonly patient: Patient;
    readonly weightKg?: Fraction;
    readonly conditions: Condition[];
    readonly allergens: Classifier[];
    readonly skinTests: SkinTestResult[];
    readonly protocol?: Protocol;
    readonly start?: string;
    /** ISO date of each scheduled session, in schedule order (empty without a valid start date). */
    readonly dates: string[];
}

/**
 * `2026-12-01` + 4 days → `2026-12-05`; undefined for an invalid date, or a result off the
 * YYYY-MM-DD calendar (after 9999-12-31). Fractional days round down.
 */
export function addDays(isoDate: string, days: Fraction): string | undefined {
    const base = parseIsoDate(isoDate);
    return base === undefined ? undefined : dayAfter(base, days);
}

/** The ISO date `days` (rounded down) after a UTC midnight given in milliseconds; undefined off the YYYY-MM-DD calendar. */
function dayAfter(base: number, days: Fraction): string | undefined {
    const date = new Date(base + Number(days.floor().valueOf()) * 86_400_000);
    // Past year 275760 there is no Date at all; past 9999 toISOString writes `+010000-…`.
    if (Number.isNaN(date.getTime())) return undefined;
    const iso = date.toISOString();
    // Years 0–9999 only: `YYYY-MM-DDTHH:mm:ss.sssZ`; others are written `+010000-…` or `-000001-…`.
    return iso.length === 24 ? iso.slice(0, 10) : undefined;
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
    const dates = base !== undefined ? schedule.map(s => dayAfter(base, s.day)).filter((d): d is string => d !== undefined) : [];
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
