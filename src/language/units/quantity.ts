import { Fraction } from 'fraction.js';
import { displayUnit, lookupUnit, type Dimension } from './unit-table.js';

/** An exact amount in the canonical unit of its dimension. */
export interface Amount {
    readonly value: Fraction;
    readonly dimension: Dimension;
}

/** The parts of a written quantity, as the grammar gives them. */
export interface WrittenQuantity {
    readonly value: string;
    readonly unit: WrittenUnit;
}

export interface WrittenUnit {
    readonly symbol?: string;
    readonly per?: string;
    readonly percent: boolean;
}

/** The unit as written, normalised to one string: `mg/kg`, `%`, `mL`. */
export function unitText(unit: WrittenUnit): string {
    if (unit.percent) return '%';
    return unit.per ? `${unit.symbol ?? ''}/${unit.per}` : unit.symbol ?? '';
}

/** Converts a written quantity to an exact canonical amount; undefined for an unknown unit. */
// A written quantity never changes once parsed: its amount is computed once per node.
const amounts = new WeakMap<WrittenQuantity, Amount | null>();
// Re-parsing a document makes new nodes for the same texts (`1 mL`, `0.2 mL`): amounts are
// also kept by text, so that a keystroke does not re-parse every number of the file. Amounts
// are immutable, so nodes may share one. Bounded: cleared when it grows large.
const amountsByText = new Map<string, Amount | null>();
const MAX_TEXTS = 20_000;

export function toAmount(q: WrittenQuantity | undefined): Amount | undefined {
    // A half-typed quantity (parse error) has no unit or value yet: no amount, never a crash.
    if (!q?.unit || !q.value) return undefined;
    let amount = amounts.get(q);
    if (amount === undefined) {
        const unit = unitText(q.unit);
        const key = `${q.value} ${unit}`;
        amount = amountsByText.get(key);
        if (amount === undefined) {
            const spec = lookupUnit(unit);
            amount = spec ? { value: new Fraction(q.value).mul(spec.factor), dimension: spec.dimension } : null;
            if (amountsByText.size >= MAX_TEXTS) amountsByText.clear();
            amountsByText.set(key, amount);
        }
        amounts.set(q, amount);
    }
    return amount ?? undefined;
}

/** Exact decimal text of a fraction, rounded to at most `digits` decimals when it does not terminate. */
export function formatNumber(value: Fraction, digits = 4): string {
    const rounded = value.round(digits);
    return String(rounded.valueOf());
}

/** `20 mg`, `0.3 mL`, `1.5 days` — the amount in its canonical unit. */
export function formatAmount(amount: Amount): string {
    const unit = displayUnit[amount.dimension];
    const n = formatNumber(amount.value);
    return unit === 'days' && n === '1' ? '1 day' : `${n} ${unit}`;
}
