import type { Fraction } from 'fraction.js';
import { canonicalUnit } from '../language/units/unit-table.js';
import type { Amount } from '../language/units/quantity.js';
import type { Quantity } from './meso-json.generated.js';

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
