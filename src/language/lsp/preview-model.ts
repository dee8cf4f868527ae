import type { Diagnostic } from 'vscode-languageserver';
import type { Protocol } from '../generated/ast.js';
import { amountCapsOf } from '../semantics/library.js';
import { cumulativeAmounts } from '../semantics/component-totals.js';
import type { ProtocolSemantics } from '../semantics/protocol-semantics.js';
import { displayUnit } from '../units/unit-table.js';
import { Severity } from '../validation/severity.js';
import type { Span } from '../units/span.js';
import type { PreviewModel } from './meso-protocol.js';
import { known } from '../semantics/reading.js';
import { productFacts } from '../semantics/strengths.js';
import { previewAreas, previewCare } from './preview-areas.js';

const num = (f: { valueOf(): number }) => Number(Number(f.valueOf()).toFixed(4));

/**
 * The data of the protocol preview: the schedule, the dose per session and cumulated per
 * substance against its caps, and the warnings. Read from the shared semantics only.
 */
export function buildPreviewModel(protocol: Protocol, semantics: ProtocolSemantics, diagnostics: Diagnostic[]): PreviewModel {
    const range = protocol.$cstNode?.range;
    const substances = semantics.totals.substances.filter(t => t.amount).map(t => {
        const running = cumulativeAmounts(semantics, t.substance);
        const perSession = running.map(r => num(r.amount.high));
        const cumulative = running.map(r => num(r.cumulative.high));
        const perSessionLow = running.map(r => num(r.amount.low));
        const cumulativeLow = running.map(r => num(r.cumulative.low));
        const ranged = perSessionLow.some((v, i) => v !== perSession[i]) || cumulativeLow.some((v, i) => v !== cumulative[i]);
        const caps = amountCapsOf(t.substance, semantics.profile).filter(c => c.amount.dimension === t.amount!.dimension);
        const sessionCaps = caps.filter(c => c.kind === 'session' && (c.clause.severity ?? 'error') === 'error').map(c => num(c.amount.value));
        const cycleCaps = caps.filter(c => c.kind === 'cycle').map(c => num(c.amount.value));
        return {
            substance: t.substance.name,
            unit: displayUnit[t.amount!.dimension],
            perSession,
            ...(ranged && { perSessionLow }),
            cumulative,
            ...(ranged && { cumulativeLow }),
            ...(sessionCaps.length > 0 && { sessionCap: Math.min(...sessionCaps) }),
            ...(cycleCaps.length > 0 && { cycleCap: Math.min(...cycleCaps) })
        };
    });
    const duration = semantics.totals.durationDays;
    // The low end of a range, under `key`, when it differs from the high end.
    const low = (span: Span, key: string): Record<string, number> => num(span.low) !== num(span.high) ? { [key]: num(span.low) } : {};
    return {
        protocol: protocol.name,
        ...(protocol.title !== undefined && { title: protocol.title }),
        ...(duration && { durationDays: num(duration.high), ...low(duration, 'durationDaysLow') }),
        sessions: semantics.schedule.map(s => ({
            index: s.index,
            ...(s.day && { day: num(s.day.low), ...(num(s.day.low) !== num(s.day.high) && { dayLatest: num(s.day.high) }) }),
            ...(s.optional && { optional: true }),
            phase: s.phase.name ?? 'maintenance', maintenance: s.maintenance,
            doses: (s.facts?.doses ?? []).map(d => ({
                substance: d.substance.name,
                ...(d.amount && { amount: num(d.amount.span.high), ...low(d.amount.span, 'amountLow'), unit: displayUnit[d.amount.dimension] })
            }))
        })),
        substances,
        ...(products(semantics).length > 0 && { products: products(semantics) }),
        ...previewAreas(semantics),
        ...previewCare(semantics),
        warnings: diagnostics
            .filter(d => (d.severity ?? Severity.Error) <= Severity.Warning && (!range || (d.range.start.line >= range.start.line && d.range.end.line <= range.end.line)))
            .map(d => ({ line: d.range.start.line + 1, severity: (d.severity ?? Severity.Error) === Severity.Error ? 'error' : 'warning', code: String(d.code ?? ''), message: typeof d.message === 'string' ? d.message : d.message.value }))
    };
}

/** The products of the protocol's mixtures, with the mL of each injected per scheduled session. */
function products(semantics: ProtocolSemantics): NonNullable<PreviewModel['products']> {
    const used = [...new Set(semantics.mixtures.flatMap(m => m.components.flatMap(c => c.product ? [c.product] : [])))];
    return used.map(product => ({
        product: product.name,
        ...(product.title !== undefined && { title: product.title }),
        ingredients: productFacts(product).ingredients.map(i => {
            const s = known(i.strength);
            return `${i.ingredient.substance?.$refText ?? '?'}${s ? ` ${num(s.perMl.high)} ${s.dimension === 'mass' ? 'mg' : 'IU'}/mL` : ''}`;
        }),
        perSession: semantics.schedule.map(s => num(s.facts?.products.find(p => p.product === product)?.volume?.high ?? 0))
    }));
}
