import fc from 'fast-check';
import { AstUtils, GrammarAST } from 'langium';
import { MesoGrammar } from '../../src/language/generated/grammar.js';
import { unitSpellings } from '../../src/language/units/unit-table.js';
import { corpus, folder, type SourceFile } from './corpus.js';

/** Every keyword of the grammar, read from the generated grammar (so new keywords are fuzzed too). */
export const keywords: string[] = [...new Set(AstUtils.streamAllContents(MesoGrammar())
    .filter(GrammarAST.isKeyword).map(k => k.value))].sort();

/** Every unit spelling of the unit table, plus near misses the user may type. */
export const units: string[] = [...unitSpellings(), 'mgs', 'ML', 'mg/', '/mL', 'IU/kg', 'µL', 'G'];

/** Names that exist in std or in the corpus, so references often resolve. */
const knownNames = ['lidocaine', 'piroxicam', 'saline', 'ketoprofen', 'mepivacaine', 'nsaid', 'anesthetic', 'diluent', 'pregnancy',
    'heart_block', 'anticoagulants', 'IDS', 'IDP', 'IED', 'IDH', 'subcutaneous', 'deoxycholic_acid', 'p', 'm', 's', 't', 'a'];

const identifier = fc.oneof(
    fc.constantFrom(...knownNames),
    fc.stringMatching(/^[_a-zA-Z\u00B5\u00C0-\u024F][\w\u00C0-\u024F]{0,8}$/)
);

const number = fc.oneof(
    fc.nat({ max: 40 }).map(String),
    fc.constantFrom('0', '0.0', '0.01', '1', '1.5', '20', '20.01', '100', '999999999999999999999', '0.000000000000000001'),
    fc.tuple(fc.nat({ max: 1000 }), fc.nat({ max: 999 })).map(([a, b]) => `${a}.${b}`)
);

const single = fc.tuple(number, fc.constantFrom('', ' '), fc.constantFrom(...units)).map(([n, s, u]) => `${n}${s}${u}`);
/** Ranges as papers print them, backwards and mixed ones too: `0.1-0.2 mL`, `3 to 1 mm`, `500 µL to 1 mL`. */
const range = fc.tuple(number, fc.constantFrom('-', '\u2013', ' to ', ' - '), number, fc.constantFrom('', ' '), fc.constantFrom(...units), fc.option(fc.constantFrom(...units)))
    .map(([a, dash, b, s, u, lowUnit]) => lowUnit ? `${a} ${lowUnit}${dash}${b}${s}${u}` : `${a}${dash}${b}${s}${u}`);
const quantity = fc.oneof({ arbitrary: single, weight: 3 }, { arbitrary: range, weight: 1 });

const stringLiteral = fc.oneof(
    fc.string({ maxLength: 12 }).map(s => JSON.stringify(s)),
    fc.constantFrom('"clinic-formulary.meso"', '"../low-back-pain.meso"', '"missing.meso"', '"', '"unterminated', '"\\"')
);

const punctuation = fc.constantFrom('{', '}', '{', '}', ':', ',', '/', '%', '+', '..', '[', ']', '<=', '>=', '<', '>', '.', '-', '=');

const date = fc.constantFrom('2026-01-05', '2026-12-01', '2026-02-30', '0000-00-00', '9999-99-99');

const comment = fc.constantFrom('// note', '/* block */', '/** doc */', '// meso-ignore', '/* unterminated', '*/');

/** One token of the language, weighted towards keywords. */
export const token = fc.oneof(
    { arbitrary: fc.constantFrom(...keywords), weight: 8 },
    { arbitrary: identifier, weight: 3 },
    { arbitrary: number, weight: 2 },
    { arbitrary: quantity, weight: 3 },
    { arbitrary: fc.constantFrom(...units), weight: 1 },
    { arbitrary: stringLiteral, weight: 1 },
    { arbitrary: punctuation, weight: 3 },
    { arbitrary: date, weight: 1 },
    { arbitrary: comment, weight: 1 }
);

const separator = fc.constantFrom(' ', ' ', ' ', '\n', '\n    ', '', '\t', '\r\n');

/** A sequence of tokens joined by whitespace (sometimes none): near-Meso text. */
export const tokenText = fc.array(fc.tuple(token, separator), { maxLength: 60 })
    .map(parts => parts.map(([t, s]) => t + s).join(''));

/**
 * Arbitrary text: printable ASCII, printable Unicode graphemes, any code point (NUL, BOM and
 * control characters included), runs of the characters Meso text is made of, and lone surrogates.
 */
export const randomText = fc.oneof(
    fc.string({ maxLength: 200 }),
    fc.string({ unit: 'grapheme', maxLength: 100 }),
    fc.string({ unit: 'binary', maxLength: 100 }),
    fc.string({ unit: fc.constantFrom(...'{}":/%.,+\n 0123456789abcmgLk'.split('')), maxLength: 200 }),
    // Lone UTF-16 surrogates, NUL and the BOM mixed into Meso characters: what a broken decoder leaves.
    fc.string({ unit: fc.oneof(fc.constantFrom(...'{}":%\n mg0123456789\u0000\uFEFF'.split('')),
        fc.integer({ min: 0xD800, max: 0xDFFF }).map(c => String.fromCharCode(c))), maxLength: 100 })
);

/** A text and where it goes: mutants are built beside their source so that imports resolve. */
export interface Mutant {
    readonly source: SourceFile;
    readonly text: string;
    readonly mutation: string;
}

type Edit = (text: string) => { text: string; mutation: string };

/** The index at a fraction `at` (0..1) of the way through `length` items. */
const indexIn = (length: number, at: number) => Math.min(length - 1, Math.floor(at * length));

const lineEdits: Array<(lines: string[], i: number, j: number) => { lines: string[]; mutation: string }> = [
    (lines, i) => ({ lines: lines.filter((_, k) => k !== i), mutation: `delete line ${i + 1}` }),
    (lines, i) => ({ lines: [...lines.slice(0, i + 1), lines[i], ...lines.slice(i + 1)], mutation: `duplicate line ${i + 1}` }),
    (lines, i, j) => {
        const copy = [...lines];
        [copy[i], copy[j]] = [copy[j], copy[i]];
        return { lines: copy, mutation: `swap lines ${i + 1} and ${j + 1}` };
    }
];

const charEdits: Array<(text: string, i: number, j: number) => { text: string; mutation: string }> = [
    (text, i) => ({ text: text.slice(0, i) + text.slice(i + 1), mutation: `delete char ${i}` }),
    (text, i) => ({ text: text.slice(0, i + 1) + text.slice(i), mutation: `duplicate char ${i}` }),
    (text, i, j) => {
        const [a, b] = [Math.min(i, j), Math.max(i, j)];
        if (a === b) return { text, mutation: 'no-op swap' };
        return { text: text.slice(0, a) + text[b] + text.slice(a + 1, b) + text[a] + text.slice(b + 1), mutation: `swap chars ${a} and ${b}` };
    }
];

/** One random line or character edit, or a truncation; positions chosen as fractions of the text. */
const edit: fc.Arbitrary<Edit> = fc.tuple(fc.boolean(), fc.nat({ max: 3 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }))
    .map(([byLine, kind, x, y]) => (text: string) => {
        if (text.length === 0) return { text, mutation: 'empty' };
        if (kind === 3) {
            const at = Math.floor(x * text.length);
            return { text: text.slice(0, at), mutation: `truncate at ${at}` };
        }
        if (byLine) {
            const lines = text.split('\n');
            const r = lineEdits[kind](lines, indexIn(lines.length, x), indexIn(lines.length, y));
            return { text: r.lines.join('\n'), mutation: r.mutation };
        }
        return charEdits[kind](text, indexIn(text.length, x), indexIn(text.length, y));
    });

/** One of `files` with one to four random line or character edits or truncations. */
export const mutantOf = (files: SourceFile[]): fc.Arbitrary<Mutant> => fc.tuple(fc.constantFrom(...files), fc.array(edit, { minLength: 1, maxLength: 4 }))
    .map(([source, edits]) => {
        let text = source.text;
        const mutations: string[] = [];
        for (const e of edits) {
            const r = e(text);
            text = r.text;
            mutations.push(r.mutation);
        }
        return { source, text, mutation: mutations.join(', ') };
    });

/** A corpus file (example or fixture) with one to four random line or character edits or truncations. */
export const mutant = mutantOf(corpus);

/** The folder a mutant is built in. */
export function mutantFolder(m: Mutant): string {
    return folder(m.source);
}

const slotNumber = fc.oneof(
    { arbitrary: fc.constantFrom('0', '1', '2', '4', '7', '10', '20', '0.2', '0.5', '1.5', '2.5'), weight: 12 },
    { arbitrary: fc.constantFrom('0.0', '0.01', '20.01', '100000', '99999999999999999999', '0.00000000000000000001'), weight: 1 },
    { arbitrary: fc.tuple(fc.nat({ max: 300 }), fc.nat({ max: 99 })).map(([a, b]) => `${a}.${b}`), weight: 3 }
);
const slotCount = fc.oneof({ arbitrary: fc.integer({ min: 0, max: 30 }).map(String), weight: 12 }, { arbitrary: slotNumber, weight: 1 },
    // A count range as papers give one (`20-30 points`, `8-12 sessions`), backwards sometimes.
    { arbitrary: fc.tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 30 })).map(([a, b]) => `${a}-${b}`), weight: 2 });
const slotGauge = fc.oneof({ arbitrary: fc.integer({ min: 18, max: 34 }).map(String), weight: 12 }, { arbitrary: slotCount, weight: 1 });
// Mostly the unit the slot expects (so that many documents are clean and compile), sometimes any unit.
const slotQuantity = (...preferred: string[]) => fc.tuple(slotNumber, fc.oneof(
    { arbitrary: fc.constantFrom(...preferred), weight: 24 }, { arbitrary: fc.constantFrom(...units), weight: 1 }),
fc.oneof({ arbitrary: fc.constant(undefined), weight: 6 }, { arbitrary: slotNumber, weight: 1 }))
    // Sometimes a range (`0.1-0.2 mL`): where the slot takes none, it is an error that must not compile.
    .map(([n, u, high]) => high === undefined ? `${n} ${u}` : `${n}-${high} ${u}`);
const substances = ['lidocaine', 'piroxicam', 'saline', 'saline', 'mepivacaine', 'ketoprofen', 'deoxycholic_acid', 'x1', 'x2'];
const optional = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined, freq: 3 });
const line = (s: string | undefined) => (s === undefined ? '' : `    ${s}\n`);

/** A local substance with random strength and caps (names x1, x2 so protocols can use them). */
const localSubstance = fc.record({
    cls: optional(fc.constantFrom('nsaid', 'anesthetic', 'diluent')),
    concentration: optional(fc.oneof(slotQuantity('mg/mL', '%', 'IU/mL'), fc.tuple(slotQuantity('mg', 'IU', 'g'), slotQuantity('mL', 'L')).map(([a, b]) => `${a} / ${b}`))),
    max: fc.array(fc.tuple(slotQuantity('mg', 'mg/kg', 'IU', 'g'), fc.constantFrom('session', 'cycle'), fc.constantFrom('', ': warning', ': error')), { maxLength: 2 }),
    maxSessions: optional(slotCount),
    minInterval: optional(slotQuantity('days', 'weeks', 'h'))
}).map(s => `substance {NAME} {\n${line(s.cls && `class ${s.cls}`)}${line(s.concentration && `concentration ${s.concentration}`)}`
    + s.max.map(([q, scope, sev]) => line(`max ${q} per ${scope}${sev}`)).join('')
    + `${line(s.maxSessions && `max ${s.maxSessions} sessions per cycle`)}${line(s.minInterval && `min interval ${s.minInterval}`)}}\n`);

const component = fc.tuple(fc.constantFrom(...substances), slotQuantity('mL', 'mg', 'IU', 'cc')).map(([s, q]) => `${s} ${q}`);

/**
 * A well-formed protocol (and sometimes a patient) with random figures in every slot: zero,
 * tiny and huge amounts, every unit, counts, intervals. Reaches the semantics and the compiler,
 * which random text seldom does.
 */
export const structuredText = fc.record({
    library: fc.array(localSubstance, { maxLength: 2 }).map(list => list.map((text, i) => text.replace('{NAME}', `x${i + 1}`))),
    limit: optional(fc.constantFrom('limit sessions per cycle <= 3', 'limit volume per point <= 0.1 mL', 'limit interval >= 10 days: error', 'limit points per session <= 5')),
    weight: optional(slotQuantity('kg')),
    skinTest: optional(slotQuantity('days', 'h')),
    mixtures: fc.array(fc.array(component, { maxLength: 3 }), { minLength: 1, maxLength: 2 }),
    technique: optional(fc.record({
        needle: optional(fc.tuple(slotGauge, slotQuantity('mm', 'cm')).map(([g, l]) => `needle ${g}G ${l}`)),
        depth: optional(fc.oneof(fc.constantFrom('IDS', 'IED', 'IDP', 'subcutaneous'), slotQuantity('mm'))),
        perPoint: optional(slotQuantity('mL')),
        points: optional(slotCount)
    })),
    injects: fc.array(fc.tuple(fc.nat({ max: 1 }), fc.boolean()), { minLength: 1, maxLength: 2 }),
    phases: fc.array(fc.record({
        maintenance: fc.boolean(), count: slotCount, every: optional(slotQuantity('days', 'weeks', 'd', 'h', 'min', 'month')), after: optional(slotQuantity('days', 'months'))
    }), { maxLength: 3 }),
    patient: optional(fc.record({
        weight: optional(slotQuantity('kg')),
        conditions: fc.option(fc.constantFrom('pregnancy', 'anticoagulants', 'heart_block'), { nil: undefined, freq: 2 }),
        start: fc.constantFrom('2026-01-05', '2026-12-01', '2028-02-29', '2026-03-31', '2026-02-29', '2026-13-01')
    }))
}).map(d => {
    const t = d.technique;
    const protocol = `protocol p {\n    indication pain\n${line(d.weight && `patients from ${d.weight}`)}${line(d.skinTest && `skin test ${d.skinTest} before first session`)}`
        + `${line(d.limit)}`
        + d.mixtures.map((m, i) => line(`mixture m${i} { ${m.join('  ')} }`)).join('')
        + (t ? line(`technique t { ${[t.needle, t.depth && `depth ${t.depth}`, t.perPoint && `${t.perPoint} per point`, t.points && `${t.points} points`].filter(Boolean).join('  ')} }`) : '')
        + line(`session s { ${d.injects.map(([m, using]) => `inject m${Math.min(m, d.mixtures.length - 1)}${using && t ? ' using t' : ''}`).join('  ')} }`)
        + line(`schedule { ${d.phases.map((p, i) => `${p.maintenance ? 'maintenance' : `phase a${i}`}: ${p.count} sessions of s${p.every ? ` every ${p.every}` : ''}${p.after ? ` after ${p.after}` : ''}`).join('\n        ')} }`)
        + '}\n';
    const patient = d.patient
        ? `patient q {\n${line(d.patient.weight && `weight ${d.patient.weight}`)}${line(d.patient.conditions && `conditions ${d.patient.conditions}`)}    follows p from ${d.patient.start}\n}\n`
        : '';
    return d.library.join('') + protocol + patient;
});
