import { Fraction } from 'fraction.js';
import type { Component, Substance } from '../generated/ast.js';
import type { Amount, Measure } from '../units/quantity.js';
import { isPoint } from '../units/span.js';
import { amountCapsOf, concentrationOf, hasClassNamed, ANESTHETIC_CLASS_NAME, type AmountCap } from './library.js';
import { deliveredBy, type Dose, type ProtocolSemantics, type ScheduledSession, type SessionFacts } from './protocol-semantics.js';
import { shortestGap } from './schedule.js';

/**
 * Dose caps against computed doses. Pure arithmetic over the facts of protocol-semantics;
 * validation turns the findings into diagnostics, hovers show the same numbers.
 */
export type DoseFinding =
    | { kind: 'over-session' | 'over-weight'; session: SessionFacts; dose: Dose; cap: AmountCap; allowed: Amount; largestVolume?: Fraction }
    | { kind: 'over-cycle'; substance: Substance; amount: Measure; cap: AmountCap; components: Component[] }
    | { kind: 'over-window'; substance: Substance; amount: Measure; allowed: Amount; cap: AmountCap; first: ScheduledSession; last: ScheduledSession; days: Fraction; components: Component[] }
    | { kind: 'over-point'; session: SessionFacts; dose: Dose; perPoint: Measure; allowed: Amount; cap: AmountCap }
    | { kind: 'weight-unknown'; session: SessionFacts; dose: Dose; cap: AmountCap }
    | { kind: 'amount-unknown'; substance: Substance; components: Component[] }
    | { kind: 'anesthetic-sum'; session: SessionFacts; parts: Array<{ dose: Dose; fraction: Fraction; allowed: Amount }>; total: Fraction };

function severityOf(cap: AmountCap): string {
    return cap.clause.severity ?? 'error';
}

/** The amount a cap allows, given the weight for mg/kg caps; undefined when the weight is unknown. */
export function allowedAmount(cap: AmountCap, weightKg: Fraction | undefined): Amount | undefined {
    if (cap.kind !== 'per-kg' && !cap.perKg) return cap.amount;
    return weightKg ? { value: cap.amount.value.mul(weightKg), dimension: 'mass' } : undefined;
}

/**
 * The largest volume of the (single) component carrying `substance` that keeps the session at
 * or under `allowed`; undefined when the session is too complex for one obvious fix (several
 * injects or components, a range anywhere, a strength of the component's own).
 */
export function largestVolume(session: SessionFacts, substance: Substance, allowed: Amount): Fraction | undefined {
    const carrying = session.injects.filter(i => i.doses.some(d => d.substance === substance));
    if (carrying.length !== 1) return undefined;
    const inject = carrying[0];
    const parts = inject.mixture?.components.filter(c => c.carries.some(x => x.substance === substance)) ?? [];
    const strength = concentrationOf(substance);
    const mixtureVolume = inject.mixture?.volume;
    const part = parts[0];
    if (parts.length !== 1 || part.substance !== substance || !strength || part.volume === undefined || !isPoint(part.volume)
        || !mixtureVolume || !isPoint(mixtureVolume)) return undefined;
    // The component's own strength (`lidocaine 1 % 2 mL`) is not the substance's: no obvious volume.
    if (!part.amount || !isPoint(part.amount.span) || !part.amount.span.low.equals(part.volume.low.mul(strength.perMl))) return undefined;
    const injected = inject.technique?.injectedVolume;
    if (injected) {
        if (!isPoint(injected)) return undefined;
        const rest = mixtureVolume.low.sub(part.volume.low);
        const full = injected.low.mul(strength.perMl);
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
    const capsOf = (s: Substance) => capsCache.get(s) ?? capsCache.set(s, amountCapsOf(s, semantics.profile)).get(s)!;
    // The session caps of a substance, and what each allows at this weight, worked out once.
    const sessionCapsCache = new Map<Substance, AmountCap[]>();
    const sessionCapsOf = (s: Substance) => sessionCapsCache.get(s) ?? sessionCapsCache.set(s, capsOf(s).filter(c => c.kind === 'session' || c.kind === 'per-kg')).get(s)!;
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
                // A figure that could not be read is reported where it is written; its caps are not checked.
                if (!dose.unreadable && !weightOnly && !unknownReported.has(dose.substance)) {
                    unknownReported.add(dose.substance);
                    findings.push({ kind: 'amount-unknown', substance: dose.substance, components: dose.components });
                }
                continue;
            }
            let tightest: Amount | undefined;
            for (const cap of sessionCapsOf(dose.substance)) {
                const allowed = allowedOf(cap);
                if (!allowed) {
                    if (!weightOnly && !semantics.minWeightUnreadable) findings.push({ kind: 'weight-unknown', session, dose, cap });
                    continue;
                }
                if (allowed.dimension !== dose.amount.dimension) continue;
                if (severityOf(cap) === 'error' && (!tightest || allowed.value.compare(tightest.value) < 0)) tightest = allowed;
                if (dose.amount.span.high.compare(allowed.value) > 0 && (!weightOnly || cap.kind === 'per-kg')) {
                    findings.push({
                        kind: cap.kind === 'per-kg' ? 'over-weight' : 'over-session', session, dose, cap, allowed,
                        largestVolume: largestVolume(session, dose.substance, allowed)
                    });
                }
            }
            if (!weightOnly) findings.push(...pointFindings(session, dose, caps));
            // A zero cap (e.g. mg/kg at `patients from 0 kg`) has no fraction; any dose over it is flagged above.
            if (tightest && !tightest.value.equals(0) && isAnesthetic(dose.substance)) {
                // The top of each anaesthetic's range: the sum may then be more than one
                // preparation reaches, never less (docs/diagnostics.md, anesthetic-sum).
                anesthetics.push({ dose, fraction: dose.amount.span.high.div(tightest.value), allowed: tightest });
            }
        }
        const total = anesthetics.reduce((sum, a) => sum.add(a.fraction), new Fraction(0));
        if (anesthetics.length > 1 && total.compare(1) > 0) {
            findings.push({ kind: 'anesthetic-sum', session, parts: anesthetics, total });
        }
    }
    findings.push(...windowFindings(semantics, capsOf, allowedOf, weightOnly));
    for (const total of weightOnly ? [] : semantics.totals.cycleSubstances) {
        if (!total.amount) continue;
        for (const cap of amountCapsOf(total.substance, semantics.profile).filter(c => c.kind === 'cycle')) {
            if (cap.amount.dimension === total.amount.dimension && total.amount.span.high.compare(cap.amount.value) > 0) {
                const components = semantics.sessions.flatMap(s => s.doses.filter(d => d.substance === total.substance).flatMap(d => d.components));
                findings.push({ kind: 'over-cycle', substance: total.substance, amount: total.amount, cap, components: [...new Set(components)] });
            }
        }
    }
    return findings;
}

/**
 * Caps per injection point: the volume of mixture at each point (`max 0.2 mL per point`) or the
 * amount of the substance at each point (`max 2 mg per point`), per inject that gives it. The
 * amount at one point is what one point's volume draws (the number of points cancels out), at
 * its high end.
 */
function pointFindings(session: SessionFacts, dose: Dose, caps: AmountCap[]): DoseFinding[] {
    const pointCaps = caps.filter(c => c.kind === 'point');
    if (pointCaps.length === 0) return [];
    const findings: DoseFinding[] = [];
    for (const inject of session.injects) {
        const own = inject.doses.find(d => d.substance === dose.substance);
        const t = inject.technique;
        if (!own || !t?.points || !t.volumePerPoint || !inject.mixture || own.unreadable) continue;
        const atOnePoint = deliveredBy(inject.mixture, { kind: 'points', volume: t.volumePerPoint }, dose.substance).amount;
        for (const cap of pointCaps) {
            const perPoint: Measure | undefined = cap.amount.dimension === 'volume'
                ? { span: t.volumePerPoint, dimension: 'volume' }
                : atOnePoint && atOnePoint.dimension === cap.amount.dimension ? atOnePoint : undefined;
            if (perPoint && perPoint.span.high.compare(cap.amount.value) > 0) {
                findings.push({ kind: 'over-point', session, dose: own, perPoint, allowed: cap.amount, cap });
            }
        }
    }
    return findings;
}

/**
 * Caps per day or per week: the amounts of every scheduled session that can fall within the
 * window from one session's day (a half-open span: sessions exactly 24 h apart are on two days)
 * are summed at their high ends, maintenance included. Two sessions can share a window when the
 * shortest time between them (every gap at its low end, optional sessions of other phases
 * skipped) is under it. One finding per substance and cap, for the first window over it; with
 * `every 12 h` two sessions share a day.
 */
function windowFindings(
    semantics: ProtocolSemantics, capsOf: (s: Substance) => AmountCap[], allowedOf: (cap: AmountCap) => Amount | undefined, weightOnly: boolean
): DoseFinding[] {
    const findings: DoseFinding[] = [];
    // Days that could not be read are not guessed: their error says the schedule is not checked.
    if (semantics.daysUnknown) return findings;
    const substances = [...new Set(semantics.sessions.flatMap(s => s.doses.map(d => d.substance)))];
    for (const substance of substances) {
        const caps = capsOf(substance).filter(c => c.kind === 'window' && (!weightOnly || c.perKg));
        if (caps.length === 0) continue;
        const using = semantics.schedule
            .map((s, at) => ({ s, at, dose: s.facts?.doses.find(d => d.substance === substance) }))
            .filter((u): u is { s: ScheduledSession; at: number; dose: Dose } => !!u.dose);
        // An unknown amount is reported once as amount-unknown; the window sum would be a guess.
        if (using.length === 0 || using.some(u => !u.dose.amount)) continue;
        for (const cap of caps) {
            const allowed = allowedOf(cap);
            if (!allowed) {
                // A mg/kg window cap without a weight: said once, like a per-session one.
                if (!semantics.minWeightUnreadable) findings.push({ kind: 'weight-unknown', session: using[0].s.facts!, dose: using[0].dose, cap });
                continue;
            }
            if (allowed.dimension !== using[0].dose.amount!.dimension) continue;
            for (let i = 0; i < using.length; i++) {
                let sum = new Fraction(0);
                let j = i;
                for (; j < using.length; j++) {
                    const gap = j === i ? new Fraction(0) : shortestGap(semantics.schedule, using[i].at, using[j].at);
                    if (!gap || gap.compare(cap.windowDays!) >= 0) break;
                    sum = sum.add(using[j].dose.amount!.span.high);
                }
                if (sum.compare(allowed.value) <= 0) continue;
                const within = using.slice(i, j);
                const last = within[within.length - 1];
                findings.push({
                    kind: 'over-window', substance, amount: { span: { low: sum, high: sum }, dimension: allowed.dimension }, allowed, cap,
                    first: within[0].s, last: last.s, days: shortestGap(semantics.schedule, using[i].at, last.at) ?? new Fraction(0),
                    components: [...new Set(within.flatMap(u => u.dose.components))]
                });
                break;
            }
        }
    }
    return findings;
}
