import type { Fraction } from 'fraction.js';
import type { AstNode } from 'langium';
import type { AmountCap } from '../semantics/library.js';
import { provenanceOf } from '../semantics/library.js';
import type { Span } from '../units/span.js';
import type { Dimension } from '../units/unit-table.js';
import { formatAmount, formatMeasure, formatNumber, formatUpTo } from '../units/quantity.js';
import { msg, type MessageArg } from '../i18n/translate.js';
import { originOf } from './related.js';

/**
 * Fragments that several diagnostic messages share, as catalogue messages (rendered in the
 * diagnostic's language): numbers and units are the protocol's, the words around them translated.
 */

/** `40 mg`; for a range, its high end first: `up to 40 mg (20–40 mg)`. */
export function upTo(m: { span: Span; dimension: Dimension }): MessageArg {
    const point = formatUpTo(m);
    if (!point.startsWith('up to ')) return point;
    return msg('part.upTo', { high: formatMeasure({ span: { low: m.span.high, high: m.span.high }, dimension: m.dimension }), range: formatMeasure(m) });
}

/** `(std: <source>; evidence: B)`: where a figure comes from (`evidence` left out when regulatory). */
export function provenanceNote(node: AstNode, source: string | undefined, evidence?: string): MessageArg {
    return msg('part.source', {
        origin: originOf(node), source: source ? `: ${source}` : '',
        evidence: evidence && evidence !== 'regulatory' ? msg('part.evidence', { level: evidence }) : ''
    });
}

/** `(std: Usual maximum daily dose 20 mg (label))` — where a cap comes from. */
export function capSourceNote(cap: AmountCap): MessageArg {
    const p = provenanceOf(cap.clause);
    return provenanceNote(cap.clause, p.source, p.evidence);
}

const CAP_KEYS = { session: 'part.cap.session', cycle: 'part.cap.cycle', day: 'part.cap.day', week: 'part.cap.week', point: 'part.cap.point' } as const;

/** `8 mg per day`, `4.5 mg/kg per session × 72 kg = 324 mg`. */
export function capText(cap: AmountCap, weightKg?: Fraction): MessageArg {
    const base = msg(CAP_KEYS[cap.clause.scope as keyof typeof CAP_KEYS] ?? 'part.cap.area', { amount: formatAmount(cap.amount) });
    if ((cap.kind !== 'per-kg' && !cap.perKg) || !weightKg) return base;
    return msg('part.cap.byWeight', { cap: base, weight: formatNumber(weightKg), total: formatNumber(cap.amount.value.mul(weightKg)) });
}

/** ` (from class 'nsaid')` when a cap is inherited. */
export function inheritedFrom(cap: AmountCap, substance: string): MessageArg {
    return cap.from.name === substance ? '' : msg('part.fromClass', { name: cap.from.name });
}

/** `16 h` under a day, else `4 days`. */
export function spanText(days: Fraction): MessageArg {
    if (days.compare(1) < 0) return msg('part.hours', { hours: formatNumber(days.mul(24)) });
    return msg('part.days', { n: days.valueOf(), days: formatNumber(days) });
}

/** `within one day`, `within one week`. */
export function withinText(scope: string): MessageArg {
    return msg(scope === 'week' ? 'part.within.week' : 'part.within.day');
}
