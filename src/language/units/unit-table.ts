import { Fraction } from 'fraction.js';

/** The physical dimension of a quantity; decides which slots accept it. */
export type Dimension =
    | 'mass' | 'volume' | 'length' | 'body-weight' | 'concentration' | 'activity'
    | 'activity-concentration' | 'dose-per-weight' | 'time' | 'area';

/** One accepted spelling of a unit. */
export interface UnitSpec {
    readonly dimension: Dimension;
    /** How many canonical units one of this unit is worth (exact); unused for calendar months. */
    readonly factor: Fraction;
    /** A calendar month: 28 to 31 days, not one fixed number (see calendar.ts). */
    readonly months?: boolean;
}

/** Canonical unit of each dimension, written as its UCUM code. */
export const canonicalUnit: Readonly<Record<Dimension, string>> = {
    'mass': 'mg',
    'volume': 'mL',
    'length': 'mm',
    'body-weight': 'kg',
    'concentration': 'mg/mL',
    'activity': '[iU]',
    'activity-concentration': '[iU]/mL',
    'dose-per-weight': 'mg/kg',
    'time': 'd',
    'area': 'cm2'
};

/** Canonical unit as a clinician writes it (for messages and hovers). */
export const displayUnit: Readonly<Record<Dimension, string>> = {
    ...canonicalUnit,
    'activity': 'IU',
    'activity-concentration': 'IU/mL',
    'time': 'days',
    'area': 'cm²'
};

const f = (n: number, d = 1) => new Fraction(n, d);

/**
 * Every accepted spelling (language reference §2). `%` is w/v: 1 % = 10 mg/mL.
 * Time is kept in days so that schedule arithmetic stays exact; a month is 28 to 31 days
 * (calendar.ts), never one fixed number.
 */
const table: ReadonlyArray<[string[], Dimension, Fraction]> = [
    [['mg'], 'mass', f(1)],
    [['g'], 'mass', f(1000)],
    [['mcg', 'ug', '\u00B5g', '\u03BCg'], 'mass', f(1, 1000)],
    [['mL', 'ml', 'cc'], 'volume', f(1)],
    [['\u00B5L', '\u03BCL', 'uL', 'mcL', '\u00B5l', '\u03BCl', 'ul', 'mcl'], 'volume', f(1, 1000)],
    [['L'], 'volume', f(1000)],
    [['mm'], 'length', f(1)],
    [['cm'], 'length', f(10)],
    [['cm2', 'cm\u00B2'], 'area', f(1)],
    [['mm2', 'mm\u00B2'], 'area', f(1, 100)],
    [['kg'], 'body-weight', f(1)],
    [['mg/mL', 'mg/ml', 'g/L'], 'concentration', f(1)],
    [['mcg/mL', 'mcg/ml', 'ug/mL', '\u00B5g/mL', '\u03BCg/mL'], 'concentration', f(1, 1000)],
    [['%'], 'concentration', f(10)],
    [['IU', 'UI'], 'activity', f(1)],
    [['IU/mL', 'IU/ml', 'UI/mL', 'UI/ml'], 'activity-concentration', f(1)],
    [['mg/kg'], 'dose-per-weight', f(1)],
    [['min', 'minute', 'minutes'], 'time', f(1, 1440)],
    [['h', 'hour', 'hours', 'ore'], 'time', f(1, 24)],
    // Italian as protocols write it: `ogni 7 giorni`, `1 settimana`, `3 mesi`, `UI` for IU.
    [['day', 'days', 'd', 'giorno', 'giorni'], 'time', f(1)],
    [['week', 'weeks', 'wk', 'settimana', 'settimane'], 'time', f(7)],
    [['month', 'months', 'mese', 'mesi'], 'time', f(28)]
];

const MONTHS = new Set(['month', 'months', 'mese', 'mesi']);

const units: ReadonlyMap<string, UnitSpec> = new Map(
    table.flatMap(([spellings, dimension, factor]) => spellings.map(s => [s, { dimension, factor, ...(MONTHS.has(s) && { months: true }) }] as const))
);

/** Looks up a unit spelling; undefined when it is not a known unit. */
export function lookupUnit(spelling: string): UnitSpec | undefined {
    return units.get(spelling);
}

/** All spellings, for completion and for "did you mean" messages. */
export function unitSpellings(dimension?: Dimension): string[] {
    return [...units.entries()].filter(([, spec]) => !dimension || spec.dimension === dimension).map(([s]) => s);
}
