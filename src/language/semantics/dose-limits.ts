import { Fraction } from 'fraction.js';
import type { Component, Substance } from '../generated/ast.js';
import type { Amount } from '../units/quantity.js';
import { amountCapsOf, concentrationOf, hasClassNamed, ANESTHETIC_CLASS_NAME, type AmountCap } from './library.js';
import type { Dose, ProtocolSemantics, SessionFacts } from './protocol-semantics.js';

/**
 * Dose caps against computed doses. Pure arithmetic over the facts of protocol-semantics;
 * validation turns the findings into diagnostics, hovers show the same numbers.
 */
export type DoseFinding =
    | { kind: 'over-session' | 'over-weight'; session: SessionFacts; dose: Dose; cap: AmountCap; allowed: Amount; largestVolume?: Fraction }
    | { kind: 'over-cycle'; substance: Substance; amount: Amount; cap: AmountCap; components: Component[] }
    | { kind: 'weight-unknown'; session: SessionFacts; dose: Dose; cap: AmountCap }
    | { kind: 'amount-unknown'; substance: Substance; components: Component[] }
    | { kind: 'anesthetic-sum'; session: SessionFacts; parts: Array<{ dose: Dose; fraction: Fraction; allowed: Amount }>; total: Fraction };

function severityOf(cap: AmountCap): string {
    return cap.clause.severity ?? 'error';
}

/** The amount a cap allows, given the weight for mg/kg caps; undefined when the weight is unknown. */
export function allowedAmount(cap: AmountCap, weightKg: Fraction | undefined): Amount | undefined {
    if (cap.kind !== 'per-kg') return cap.amount;
    return weightKg ? { value: cap.amount.value.mul(weightKg), dimension: 'mass' } : undefined;
}

/**
 * The largest volume of the (single) component carrying `substance` that keeps the session at
 * or under `allowed`; undefined when the session is too complex for one obvious fix.
 */
export function largestVolume(session: SessionFacts, substance: Substance, allowed: Amount): Fraction | undefined {
    const carrying = session.injects.filter(i => i.doses.some(d => d.substance === substance));
    if (carrying.length !== 1) return undefined;
    const inject = carrying[0];
    const parts = inject.mixture?.components.filter(c => c.substance === substance) ?? [];
    const strength = concentrationOf(substance);
    if (parts.length !== 1 || !strength || parts[0].volume === undefined || !inject.mixture?.volume) return undefined;
    const injected = inject.technique?.injectedVolume;
    if (injected) {
        const rest = inject.mixture.volume.sub(parts[0].volume);
        const full = injected.mul(strength.perMl);
        if (full.compare(allowed.value) <= 0) return undefined;
        return allowed.value.mul(rest).div(full.sub(allowed.value));
    }
    return allowed.value.div(strength.perMl);
}

/**
 * All dose findings of a protocol for a patient weight (patient's, else the protocol's
 * floor). With `weightOnly`, only what depends on the weight: mg/kg caps and the
 * anaesthetic sum (what a patient's own weight can change).
 */
export function evaluateDoses(semantics: ProtocolSemantics, weightKg: Fraction | undefined, weightOnly = false): DoseFinding[] {
    const findings: DoseFinding[] = [];
    const unknownReported = new Set<Substance>();
    // Caps and classes per substance, read once: sessions repeat the same substances.
    const capsCache = new Map<Substance, AmountCap[]>();
    const capsOf = (s: Substance) => capsCache.get(s) ?? capsCache.set(s, amountCapsOf(s)).get(s)!;
    // The session caps of a substance, and what each allows at this weight, worked out once.
    const sessionCapsCache = new Map<Substance, AmountCap[]>();
    const sessionCapsOf = (s: Substance) => sessionCapsCache.get(s) ?? sessionCapsCache.set(s, capsOf(s).filter(c => c.kind !== 'cycle')).get(s)!;
    const allowedCache = new Map<AmountCap, Amount | undefined>();
    const allowedOf = (cap: AmountCap) => allowedCache.has(cap) ? allowedCache.get(cap) : allowedCache.set(cap, allowedAmount(cap, weightKg)).get(cap);
    const anestheticCache = new Map<Substance, boolean>();
    const isAnesthetic = (s: Substance) => anestheticCache.get(s) ?? anestheticCache.set(s, hasClassNamed(s, ANESTHETIC_CLASS_NAME)).get(s)!;
    for (const session of semantics.sessions) {
        const anesthetics: Array<{ dose: Dose; fraction: Fraction; allowed: Amount }> = [];
        for (const dose of session.doses) {
            const caps = capsOf(dose.substance);
            if (caps.length === 0) continue;
            if (!dose.amount) {
                if (!weightOnly && !unknownReported.has(dose.substance)) {
                    unknownReported.add(dose.substance);
                    findings.push({ kind: 'amount-unknown', substance: dose.substance, components: dose.components });
                }
                continue;
            }
            let tightest: Amount | undefined;
            for (const cap of sessionCapsOf(dose.substance)) {
                const allowed = allowedOf(cap);
                if (!allowed) {
                    if (!weightOnly) findings.push({ kind: 'weight-unknown', session, dose, cap });
                    continue;
                }
                if (allowed.dimension !== dose.amount.dimension) continue;
                if (severityOf(cap) === 'error' && (!tightest || allowed.value.compare(tightest.value) < 0)) tightest = allowed;
                if (dose.amount.value.compare(allowed.value) > 0 && (!weightOnly || cap.kind === 'per-kg')) {
                    findings.push({
                        kind: cap.kind === 'per-kg' ? 'over-weight' : 'over-session', session, dose, cap, allowed,
                        largestVolume: largestVolume(session, dose.substance, allowed)
                    });
                }
            }
            // A zero cap (e.g. mg/kg at `patients from 0 kg`) has no fraction; any dose over it is flagged above.
            if (tightest && !tightest.value.equals(0) && isAnesthetic(dose.substance)) {
                anesthetics.push({ dose, fraction: dose.amount.value.div(tightest.value), allowed: tightest });
            }
        }
        const total = anesthetics.reduce((sum, a) => sum.add(a.fraction), new Fraction(0));
        if (anesthetics.length > 1 && total.compare(1) > 0) {
            findings.push({ kind: 'anesthetic-sum', session, parts: anesthetics, total });
        }
    }
    for (const total of weightOnly ? [] : semantics.totals.cycleSubstances) {
        if (!total.amount) continue;
        for (const cap of amountCapsOf(total.substance).filter(c => c.kind === 'cycle')) {
            if (cap.amount.dimension === total.amount.dimension && total.amount.value.compare(cap.amount.value) > 0) {
                const components = semantics.sessions.flatMap(s => s.doses.filter(d => d.substance === total.substance).flatMap(d => d.components));
                findings.push({ kind: 'over-cycle', substance: total.substance, amount: total.amount, cap, components: [...new Set(components)] });
            }
        }
    }
    return findings;
}
