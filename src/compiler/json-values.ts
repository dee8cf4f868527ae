import type { Fraction } from 'fraction.js';
import { canonicalUnit } from '../language/units/unit-table.js';
import type { Amount, Measure as SemanticMeasure } from '../language/units/quantity.js';
import { isPoint, type Span } from '../language/units/span.js';
import type { Count, Days, Measure, Quantity } from './meso-json.generated.js';

/**
 * A number for JSON: exact decimals stay exact (0.3 is 0.3); a value that does not
 * terminate (20/3) is rounded to 6 decimals. Never binary floating-point noise.
 */
export function jsonNumber(value: Fraction): number {
    return Number(value.round(6).toString());
}

export function quantity(value: Fraction, unit: Quantity['unit']): Quantity {
    return { value: jsonNumber(value), unit };
}

/** An amount in its canonical UCUM unit. */
export function amountQuantity(amount: Amount): Quantity {
    return quantity(amount.value, canonicalUnit[amount.dimension] as Quantity['unit']);
}

/** A span as a quantity: `{ value, unit }` for one value, `{ low, high, unit }` for a range. */
export function spanQuantity(span: Span, unit: Quantity['unit']): Measure {
    const low = jsonNumber(span.low);
    const high = jsonNumber(span.high);
    return isPoint(span) || low === high ? { value: low, unit } : { low, high, unit };
}

/** A measure (amount of a dose, a total) in its canonical UCUM unit. */
export function measureQuantity(measure: SemanticMeasure): Measure {
    return spanQuantity(measure.span, canonicalUnit[measure.dimension] as Quantity['unit']);
}

/** A count or a day: a number, or `{ low, high }` for a range. */
export function spanNumber(span: Span): Count & Days {
    const low = jsonNumber(span.low);
    const high = jsonNumber(span.high);
    return isPoint(span) || low === high ? low : { low, high };
}
