import type { ValidationAcceptor, ValidationSeverity } from 'langium';
import type { Fraction } from 'fraction.js';
import type { Component, Patient, Protocol } from '../../generated/ast.js';
import { isProduct } from '../../generated/ast.js';
import type { MesoServices } from '../../meso-module.js';
import { evaluateDoses, type DoseFinding } from '../../semantics/dose-limits.js';
import type { AmountCap } from '../../semantics/library.js';
import { formatAmount, formatNumber, toMeasure } from '../../units/quantity.js';
import { msg, type CatalogueMessage } from '../../i18n/translate.js';
import { IssueCodes } from '../issue-codes.js';
import { capSourceNote as sourceNote, capText, inheritedFrom as inherited, spanText, upTo, withinText } from '../message-parts.js';
import { relatedTo } from '../related.js';
import { report } from '../report.js';

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
                msg('diag.overdose.patientWindow', {
                    substance: f.substance.name, amount: upTo(f.amount), within: withinText(f.cap.clause.scope), first: f.first.index, last: f.last.index,
                    span: spanText(f.days), protocol: ps.protocol.name, cap: capText(f.cap, ps.weightKg), patient: patient.name, note: sourceNote(f.cap)
                }),
                { node: follows, property: 'protocol', relatedInformation: relatedTo(f.cap.clause, 'related.maximum'), data: { substance: f.substance.name } });
        }
        for (const f of [...worst.values(), ...findings.filter(x => x.kind === 'anesthetic-sum')]) {
            if (f.kind === 'over-weight') {
                report(accept, severity(f.cap), IssueCodes.OverdoseWeight,
                    msg('diag.overdose.patientWeight', {
                        substance: f.dose.substance.name, amount: upTo(f.dose.amount!), session: f.session.session.name, protocol: ps.protocol.name,
                        cap: capText(f.cap, ps.weightKg), patient: patient.name, note: sourceNote(f.cap)
                    }),
                    { node: follows, property: 'protocol', relatedInformation: relatedTo(f.cap.clause, 'related.maximum'), data: { substance: f.dose.substance.name } });
            } else if (f.kind === 'anesthetic-sum') {
                report(accept, 'error', IssueCodes.AnestheticSum, msg('diag.anestheticSum.patient', { sum: this.sumMessage(f), patient: patient.name, weight: formatNumber(ps.weightKg) }),
                    { node: follows, property: 'protocol' });
            }
        }
    }

    private sumMessage(f: Extract<DoseFinding, { kind: 'anesthetic-sum' }>): CatalogueMessage {
        const pct = (x: Fraction) => msg('part.percent', { n: formatNumber(x.mul(100), 0) });
        const parts = f.parts.map(p => msg('part.sumPart', { substance: p.dose.substance.name, amount: upTo(p.dose.amount!), pct: pct(p.fraction), allowed: formatAmount(p.allowed) }));
        return msg('diag.anestheticSum', { session: f.session.session.name, total: pct(f.total), parts });
    }

    private reportFinding(f: DoseFinding, weight: Fraction | undefined, accept: ValidationAcceptor, once: (key: string) => boolean): void {
        switch (f.kind) {
            case 'over-session':
            case 'over-weight': {
                const code = f.kind === 'over-session' ? IssueCodes.OverdoseSession : IssueCodes.OverdoseWeight;
                const message = msg(f.kind === 'over-session' ? 'diag.overdose.session' : 'diag.overdose.weight', {
                    substance: f.dose.substance.name, amount: upTo(f.dose.amount!), session: f.session.session.name,
                    cap: f.kind === 'over-session' ? capText(f.cap) : capText(f.cap, weight), from: inherited(f.cap, f.dose.substance.name), note: sourceNote(f.cap)
                });
                forEachComponent(f.dose.components, c => {
                    if (!once(`${code}|${JSON.stringify(message)}|${c.$cstNode?.offset}`)) return;
                    report(accept, severity(f.cap), code, message, {
                        node: c, property: 'quantity', relatedInformation: relatedTo(f.cap.clause, 'related.maximum'),
                        data: { substance: f.dose.substance.name, allowed: f.allowed.value.valueOf(), largestVolume: f.largestVolume && Number(formatNumber(f.largestVolume.floor(2), 2)) }
                    });
                });
                break;
            }
            case 'over-cycle':
                forEachComponent(f.components, c => {
                    if (!once(`cycle|${f.substance.name}|${c.$cstNode?.offset}`)) return;
                    report(accept, severity(f.cap), IssueCodes.OverdoseCycle,
                        msg('diag.overdose.cycle', { substance: f.substance.name, amount: upTo(f.amount), cap: capText(f.cap), from: inherited(f.cap, f.substance.name), note: sourceNote(f.cap) }),
                        { node: c, property: 'quantity', relatedInformation: relatedTo(f.cap.clause, 'related.maximum'), data: { substance: f.substance.name } });
                });
                break;
            case 'over-window': {
                const code = f.cap.clause.scope === 'week' ? IssueCodes.OverdoseWeek : IssueCodes.OverdoseDay;
                const span = f.first === f.last ? msg('part.window.one', { index: f.first.index })
                    : msg('part.window.many', { first: f.first.index, last: f.last.index, span: spanText(f.days) });
                const message = msg('diag.overdose.window', {
                    substance: f.substance.name, amount: upTo(f.amount), within: withinText(f.cap.clause.scope), span,
                    cap: capText(f.cap, weight), from: inherited(f.cap, f.substance.name), note: sourceNote(f.cap)
                });
                forEachComponent(f.components, c => {
                    if (!once(`${code}|${f.cap.clause.$cstNode?.offset}|${c.$cstNode?.offset}`)) return;
                    report(accept, severity(f.cap), code, message, {
                        node: c, property: 'quantity', relatedInformation: relatedTo(f.cap.clause, 'related.maximum'),
                        data: { substance: f.substance.name, allowed: f.allowed.value.valueOf() }
                    });
                });
                break;
            }
            case 'over-point': {
                const byVolume = f.cap.amount.dimension === 'volume';
                const code = byVolume ? IssueCodes.VolumePerPoint : IssueCodes.OverdosePoint;
                const message = msg(byVolume ? 'diag.overdose.pointVolume' : 'diag.overdose.point', {
                    substance: f.dose.substance.name, amount: upTo(f.perPoint), session: f.session.session.name, allowed: formatAmount(f.allowed),
                    from: inherited(f.cap, f.dose.substance.name), note: sourceNote(f.cap)
                });
                forEachComponent(f.dose.components, c => {
                    if (!once(`${code}|${JSON.stringify(message)}|${c.$cstNode?.offset}`)) return;
                    report(accept, byVolume ? (f.cap.clause.severity ?? 'warning') as ValidationSeverity : severity(f.cap), code, message, {
                        node: c, property: 'quantity', relatedInformation: relatedTo(f.cap.clause, 'related.maximum'),
                        data: { substance: f.dose.substance.name, allowed: f.allowed.value.valueOf() }
                    });
                });
                break;
            }
            case 'weight-unknown':
                forEachComponent(f.dose.components, c => {
                    if (!once(`weight|${f.dose.substance.name}|${c.$cstNode?.offset}`)) return;
                    report(accept, 'warning', IssueCodes.WeightUnknown,
                        msg('diag.weightUnknown', { substance: f.dose.substance.name, cap: capText(f.cap) }),
                        { node: c, property: 'quantity', relatedInformation: relatedTo(f.cap.clause, 'related.weightMaximum'), data: { substance: f.dose.substance.name } });
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
                        ? msg('diag.amountUnknown.product', { substance: f.substance.name, product: product.name })
                        : msg(byVolume ? 'diag.amountUnknown.volume' : 'diag.amountUnknown.share', { substance: f.substance.name }),
                        { node: c, property: 'quantity', data: { substance: f.substance.name } });
                });
                break;
            case 'anesthetic-sum': {
                const message = this.sumMessage(f);
                for (const p of f.parts) {
                    for (const c of p.dose.components) {
                        if (once(`sum|${JSON.stringify(message)}|${c.$cstNode?.offset}`)) report(accept, 'error', IssueCodes.AnestheticSum, message, { node: c, property: 'quantity' });
                    }
                }
                break;
            }
        }
    }
}
