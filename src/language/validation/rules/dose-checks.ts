import type { ValidationAcceptor, ValidationSeverity } from 'langium';
import type { Fraction } from 'fraction.js';
import type { Component, Patient, Protocol } from '../../generated/ast.js';
import { isProduct } from '../../generated/ast.js';
import type { MesoServices } from '../../meso-module.js';
import { evaluateDoses, type DoseFinding } from '../../semantics/dose-limits.js';
import { provenanceOf, type AmountCap } from '../../semantics/library.js';
import { formatAmount, formatNumber, formatUpTo, toMeasure } from '../../units/quantity.js';
import { IssueCodes } from '../issue-codes.js';
import { originOf, relatedTo } from '../related.js';
import { report } from '../report.js';

/** `(std: Usual maximum daily dose 20 mg (label))` — where a cap comes from. */
function sourceNote(cap: AmountCap): string {
    const p = provenanceOf(cap.clause);
    const evidence = p.evidence && p.evidence !== 'regulatory' ? `; evidence: ${p.evidence}` : '';
    return `(${originOf(cap.clause)}${p.source ? `: ${p.source}` : ''}${evidence})`;
}

/** `8 mg per day`, `4.5 mg/kg per session × 72 kg = 324 mg`. */
export function capText(cap: AmountCap, weightKg?: Fraction): string {
    const base = `${formatAmount(cap.amount)} per ${cap.clause.scope}`;
    if ((cap.kind !== 'per-kg' && !cap.perKg) || !weightKg) return base;
    return `${base} × ${formatNumber(weightKg)} kg = ${formatNumber(cap.amount.value.mul(weightKg))} mg`;
}

/** ` (from class 'nsaid')` when a cap is inherited. */
function inherited(cap: AmountCap, substance: string): string {
    return cap.from.name === substance ? '' : ` (from class '${cap.from.name}')`;
}

/** `16 h` under a day, else `4 days`. */
function spanText(days: Fraction): string {
    if (days.compare(1) < 0) return `${formatNumber(days.mul(24))} h`;
    return `${formatNumber(days)} day${days.equals(1) ? '' : 's'}`;
}

const severity = (cap: AmountCap): ValidationSeverity => (cap.clause.severity ?? 'error') as ValidationSeverity;

/** Reports one finding on every component that carries the substance. */
function forEachComponent(components: Component[], emit: (c: Component) => void): void {
    for (const c of new Set(components)) emit(c);
}

/** overdose-session, overdose-weight, overdose-cycle, anesthetic-sum, weight-unknown, amount-unknown. */
export class DoseChecks {
    constructor(private readonly services: MesoServices) {}

    checkDosesMustStayUnderCaps(protocol: Protocol, accept: ValidationAcceptor): void {
        const semantics = this.services.semantics.Semantics.protocol(protocol);
        const weight = semantics.minWeightKg;
        const seen = new Set<string>();
        const once = (key: string) => !seen.has(key) && !!seen.add(key);
        for (const f of evaluateDoses(semantics, weight)) {
            this.reportFinding(f, weight, accept, once);
        }
    }

    /** With the patient's own weight, mg/kg caps and the anaesthetic sum are checked again. */
    checkPatientDosesMustStayUnderCaps(patient: Patient, accept: ValidationAcceptor): void {
        const ps = this.services.semantics.Semantics.patient(patient);
        if (!ps.protocol || !ps.weightKg) return;
        const follows = patient.facts.find(f => f.$type === 'FollowsFact')!;
        const semantics = this.services.semantics.Semantics.protocol(ps.protocol);
        const findings = evaluateDoses(semantics, ps.weightKg, true);
        // One diagnostic per substance: the session where the dose is highest.
        const worst = new Map<string, DoseFinding>();
        for (const f of findings) {
            if (f.kind !== 'over-weight') continue;
            const prev = worst.get(f.dose.substance.name);
            if (!prev || (prev.kind === 'over-weight' && f.dose.amount!.span.high.compare(prev.dose.amount!.span.high) > 0)) worst.set(f.dose.substance.name, f);
        }
        for (const f of findings.filter(x => x.kind === 'over-window')) {
            if (f.kind !== 'over-window') continue;
            report(accept, severity(f.cap), f.cap.clause.scope === 'week' ? IssueCodes.OverdoseWeek : IssueCodes.OverdoseDay,
                `'${f.substance.name}' ${formatUpTo(f.amount)} within one ${f.cap.clause.scope} (sessions ${f.first.index}–${f.last.index} over ${spanText(f.days)}) of '${ps.protocol.name}' exceeds ${capText(f.cap, ps.weightKg)} for '${patient.name}' ${sourceNote(f.cap)}.`,
                { node: follows, property: 'protocol', relatedInformation: relatedTo(f.cap.clause, 'maximum declared here'), data: { substance: f.substance.name } });
        }
        for (const f of [...worst.values(), ...findings.filter(x => x.kind === 'anesthetic-sum')]) {
            if (f.kind === 'over-weight') {
                report(accept, severity(f.cap), IssueCodes.OverdoseWeight,
                    `'${f.dose.substance.name}' ${formatUpTo(f.dose.amount!)} in session '${f.session.session.name}' of '${ps.protocol.name}' exceeds ${capText(f.cap, ps.weightKg)} for '${patient.name}' ${sourceNote(f.cap)}.`,
                    { node: follows, property: 'protocol', relatedInformation: relatedTo(f.cap.clause, 'maximum declared here'), data: { substance: f.dose.substance.name } });
            } else if (f.kind === 'anesthetic-sum') {
                report(accept, 'error', IssueCodes.AnestheticSum, `${this.sumMessage(f)} (with '${patient.name}' at ${formatNumber(ps.weightKg)} kg)`,
                    { node: follows, property: 'protocol' });
            }
        }
    }

    private sumMessage(f: Extract<DoseFinding, { kind: 'anesthetic-sum' }>): string {
        const pct = (x: Fraction) => `${formatNumber(x.mul(100), 0)} %`;
        const parts = f.parts.map(p => `'${p.dose.substance.name}' ${formatUpTo(p.dose.amount!)} (${pct(p.fraction)} of ${formatAmount(p.allowed)})`);
        return `Local anaesthetics in session '${f.session.session.name}' add up to ${pct(f.total)} of their caps: ${parts.join(', ')}; their toxicity adds up.`;
    }

    private reportFinding(f: DoseFinding, weight: Fraction | undefined, accept: ValidationAcceptor, once: (key: string) => boolean): void {
        switch (f.kind) {
            case 'over-session':
            case 'over-weight': {
                const code = f.kind === 'over-session' ? IssueCodes.OverdoseSession : IssueCodes.OverdoseWeight;
                const limitText = f.kind === 'over-session' ? `its maximum of ${capText(f.cap)}` : capText(f.cap, weight);
                const message = `'${f.dose.substance.name}' ${formatUpTo(f.dose.amount!)} in session '${f.session.session.name}' exceeds ${limitText}${inherited(f.cap, f.dose.substance.name)} ${sourceNote(f.cap)}.`;
                forEachComponent(f.dose.components, c => {
                    if (!once(`${code}|${message}|${c.$cstNode?.offset}`)) return;
                    report(accept, severity(f.cap), code, message, {
                        node: c, property: 'quantity', relatedInformation: relatedTo(f.cap.clause, 'maximum declared here'),
                        data: { substance: f.dose.substance.name, allowed: f.allowed.value.valueOf(), largestVolume: f.largestVolume && Number(formatNumber(f.largestVolume.floor(2), 2)) }
                    });
                });
                break;
            }
            case 'over-cycle':
                forEachComponent(f.components, c => {
                    if (!once(`cycle|${f.substance.name}|${c.$cstNode?.offset}`)) return;
                    report(accept, severity(f.cap), IssueCodes.OverdoseCycle,
                        `'${f.substance.name}' ${formatUpTo(f.amount)} over the cycle exceeds its maximum of ${capText(f.cap)}${inherited(f.cap, f.substance.name)} ${sourceNote(f.cap)}.`,
                        { node: c, property: 'quantity', relatedInformation: relatedTo(f.cap.clause, 'maximum declared here'), data: { substance: f.substance.name } });
                });
                break;
            case 'over-window': {
                const code = f.cap.clause.scope === 'week' ? IssueCodes.OverdoseWeek : IssueCodes.OverdoseDay;
                const span = f.first === f.last ? `session ${f.first.index}` : `sessions ${f.first.index}–${f.last.index} over ${spanText(f.days)}`;
                const message = `'${f.substance.name}' ${formatUpTo(f.amount)} within one ${f.cap.clause.scope} (${span}) exceeds its maximum of ${capText(f.cap, weight)}${inherited(f.cap, f.substance.name)} ${sourceNote(f.cap)}.`;
                forEachComponent(f.components, c => {
                    if (!once(`${code}|${f.cap.clause.$cstNode?.offset}|${c.$cstNode?.offset}`)) return;
                    report(accept, severity(f.cap), code, message, {
                        node: c, property: 'quantity', relatedInformation: relatedTo(f.cap.clause, 'maximum declared here'),
                        data: { substance: f.substance.name, allowed: f.allowed.value.valueOf() }
                    });
                });
                break;
            }
            case 'over-point': {
                const byVolume = f.cap.amount.dimension === 'volume';
                const code = byVolume ? IssueCodes.VolumePerPoint : IssueCodes.OverdosePoint;
                const message = byVolume
                    ? `'${f.dose.substance.name}' is injected at ${formatUpTo(f.perPoint)} per point in session '${f.session.session.name}'; its maximum is ${formatAmount(f.allowed)} per point${inherited(f.cap, f.dose.substance.name)} ${sourceNote(f.cap)}.`
                    : `'${f.dose.substance.name}' ${formatUpTo(f.perPoint)} per point in session '${f.session.session.name}' exceeds its maximum of ${formatAmount(f.allowed)} per point${inherited(f.cap, f.dose.substance.name)} ${sourceNote(f.cap)}.`;
                forEachComponent(f.dose.components, c => {
                    if (!once(`${code}|${message}|${c.$cstNode?.offset}`)) return;
                    report(accept, byVolume ? (f.cap.clause.severity ?? 'warning') as ValidationSeverity : severity(f.cap), code, message, {
                        node: c, property: 'quantity', relatedInformation: relatedTo(f.cap.clause, 'maximum declared here'),
                        data: { substance: f.dose.substance.name, allowed: f.allowed.value.valueOf() }
                    });
                });
                break;
            }
            case 'weight-unknown':
                forEachComponent(f.dose.components, c => {
                    if (!once(`weight|${f.dose.substance.name}|${c.$cstNode?.offset}`)) return;
                    report(accept, 'warning', IssueCodes.WeightUnknown,
                        `'${f.dose.substance.name}' has a cap of ${formatAmount(f.cap.amount)} per ${f.cap.clause.scope}, but no weight is known: declare 'patients from <weight> kg' in the protocol.`,
                        { node: c, property: 'quantity', relatedInformation: relatedTo(f.cap.clause, 'weight-based maximum declared here'), data: { substance: f.dose.substance.name } });
                });
                break;
            case 'amount-unknown':
                forEachComponent(f.components, c => {
                    // A quantity without an amount has an unknown unit, already an error of its own.
                    const written = toMeasure(c.quantity);
                    if (!written || !once(`amount|${c.$cstNode?.offset}`)) return;
                    const byVolume = written.dimension === 'volume';
                    const product = c.substance?.ref;
                    report(accept, 'warning', IssueCodes.AmountUnknown, isProduct(product)
                        ? `'${f.substance.name}' in product '${product.name}' has no strength, so its caps cannot be checked: state its strength in the product (e.g. \`${f.substance.name} 50 mg/mL\`, or an amount per ampoule).`
                        : byVolume
                        ? `'${f.substance.name}' is given by volume but has no concentration, so its caps cannot be checked: give the amount (e.g. mg) or declare its concentration.`
                        : `'${f.substance.name}' has no concentration, so the volume of this component, and with it the share of the mixture injected, cannot be worked out and its caps cannot be checked: declare its concentration.`,
                        { node: c, property: 'quantity', data: { substance: f.substance.name } });
                });
                break;
            case 'anesthetic-sum': {
                const message = this.sumMessage(f);
                for (const p of f.parts) {
                    for (const c of p.dose.components) {
                        if (once(`sum|${message}|${c.$cstNode?.offset}`)) report(accept, 'error', IssueCodes.AnestheticSum, message, { node: c, property: 'quantity' });
                    }
                }
                break;
            }
        }
    }
}
