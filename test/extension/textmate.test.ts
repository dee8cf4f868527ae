/**
 * The hand-written TextMate grammar (syntaxes/meso.tmLanguage.json) and the snippets
 * (snippets/meso.json), checked without VS Code: the grammar is run by a small TextMate
 * interpreter below (match, begin/end, captures, include), with JavaScript regular
 * expressions. The grammar keeps its regexes compatible with both JavaScript and Oniguruma.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { AstUtils, GrammarAST } from 'langium';
import { afterEach, describe, expect, test } from 'vitest';
import { MesoGrammar } from '../../src/language/generated/grammar.js';
import { ITALIAN_KEYWORDS } from '../../src/language/i18n/italian-keywords.js';
import { buildFile, createTestServices, reset } from '../helpers/services.js';

const root = join(import.meta.dirname, '../..');
const grammarText = readFileSync(join(root, 'syntaxes/meso.tmLanguage.json'), 'utf8');
const snippetsText = readFileSync(join(root, 'snippets/meso.json'), 'utf8');

// ---------------------------------------------------------------- a small TextMate interpreter

type Captures = Record<string, { name?: string }>;

interface Rule {
    name?: string;
    contentName?: string;
    match?: string;
    begin?: string;
    end?: string;
    captures?: Captures;
    beginCaptures?: Captures;
    endCaptures?: Captures;
    patterns?: Rule[];
    include?: string;
    applyEndPatternLast?: boolean | number;
}

interface TmGrammar {
    scopeName: string;
    patterns: Rule[];
    repository: Record<string, Rule>;
}

interface Token {
    text: string;
    scopes: string[];
}

interface Frame {
    rule: Rule;
    scopes: string[];
    contentScopes: string[];
}

const grammar = JSON.parse(grammarText) as TmGrammar;

const regexCache = new Map<string, RegExp>();
function regex(source: string): RegExp {
    let re = regexCache.get(source);
    if (!re) {
        re = new RegExp(source, 'dgm');
        regexCache.set(source, re);
    }
    return re;
}

/** The patterns a rule tries, includes resolved. */
function resolve(patterns: Rule[] | undefined, seen = new Set<Rule>()): Rule[] {
    const out: Rule[] = [];
    for (const p of patterns ?? []) {
        let rule = p;
        if (p.include !== undefined) {
            if (p.include === '$self' || p.include === '$base') {
                out.push(...resolve(grammar.patterns, seen));
                continue;
            }
            const target = grammar.repository[p.include.slice(1)];
            if (!p.include.startsWith('#') || !target) throw new Error(`unknown include ${p.include}`);
            rule = target;
        }
        if (rule.match !== undefined || rule.begin !== undefined) {
            out.push(rule);
        } else if (!seen.has(rule)) {
            seen.add(rule);
            out.push(...resolve(rule.patterns, seen));
        }
    }
    return out;
}

interface Tokenized {
    lines: Token[][];
    /** Rules still open at the end of the text (0 when every begin found its end). */
    openRules: number;
}

function tokenizeText(text: string): Tokenized {
    const stack: Frame[] = [{ rule: { patterns: grammar.patterns }, scopes: [grammar.scopeName], contentScopes: [grammar.scopeName] }];
    const lines: Token[][] = [];
    for (const line of text.split(/\r?\n/)) {
        const src = line + '\n';
        const scopesOf: string[][] = Array.from({ length: line.length }, () => []);
        const fill = (from: number, to: number, scopes: string[]) => {
            for (let i = from; i < Math.min(to, line.length); i++) scopesOf[i] = scopes;
        };
        const applyCaptures = (m: RegExpExecArray, base: string[], captures: Captures | undefined) => {
            fill(m.index, m.index + m[0].length, base);
            if (!captures) return;
            for (let g = 0; g < m.length; g++) {
                const name = captures[String(g)]?.name;
                const span = m.indices?.[g];
                if (!name || !span) continue;
                for (let i = span[0]; i < Math.min(span[1], line.length); i++) scopesOf[i] = [...scopesOf[i], name];
            }
        };
        let pos = 0;
        const zeroWidthSeen = new Set<string>();
        for (let guard = 0; pos <= line.length; guard++) {
            if (guard > 10_000) throw new Error(`tokenizer loops on: ${line}`);
            const frame = stack[stack.length - 1];
            let best: { m: RegExpExecArray; kind: 'end' | 'match' | 'begin'; rule?: Rule } | undefined;
            if (frame.rule.end !== undefined) {
                const re = regex(frame.rule.end);
                re.lastIndex = pos;
                const m = re.exec(src);
                if (m) best = { m, kind: 'end' };
            }
            for (const rule of resolve(frame.rule.patterns)) {
                const re = regex((rule.match ?? rule.begin)!);
                re.lastIndex = pos;
                const m = re.exec(src);
                if (m && (!best || m.index < best.m.index)) best = { m, kind: rule.match !== undefined ? 'match' : 'begin', rule };
            }
            if (!best || best.m.index > line.length) {
                fill(pos, line.length, frame.contentScopes);
                break;
            }
            const { m, kind, rule } = best;
            fill(pos, m.index, frame.contentScopes);
            const matchEnd = m.index + m[0].length;
            if (m[0].length === 0) {
                const key = `${m.index}:${stack.length}:${kind}`;
                if (zeroWidthSeen.has(key) || kind === 'match') {
                    // no progress: step over one character
                    if (m.index >= line.length) break;
                    fill(m.index, m.index + 1, frame.contentScopes);
                    pos = m.index + 1;
                    continue;
                }
                zeroWidthSeen.add(key);
            }
            if (kind === 'end') {
                applyCaptures(m, frame.scopes, frame.rule.endCaptures ?? frame.rule.captures);
                stack.pop();
            } else if (kind === 'match') {
                applyCaptures(m, rule!.name ? [...frame.contentScopes, rule!.name] : frame.contentScopes, rule!.captures);
            } else {
                const scopes = rule!.name ? [...frame.contentScopes, rule!.name] : frame.contentScopes;
                applyCaptures(m, scopes, rule!.beginCaptures ?? rule!.captures);
                stack.push({ rule: rule!, scopes, contentScopes: rule!.contentName ? [...scopes, rule!.contentName] : scopes });
            }
            pos = matchEnd;
        }
        const tokens: Token[] = [];
        for (let i = 0; i < line.length; i++) {
            const last = tokens[tokens.length - 1];
            if (last && last.scopes === scopesOf[i]) last.text += line[i];
            else if (last && last.scopes.join(' ') === scopesOf[i].join(' ')) last.text += line[i];
            else tokens.push({ text: line[i], scopes: scopesOf[i] });
        }
        lines.push(tokens.filter(t => t.text.trim() !== ''));
    }
    return { lines, openRules: stack.length - 1 };
}

function tokenize(text: string): Token[] {
    return tokenizeText(text).lines.flat();
}

/** The scopes of the `nth` token whose text is exactly `text`. */
function scopesOf(source: string, text: string, nth = 0): string[] {
    const found = tokenize(source).filter(t => t.text === text || t.text.trim() === text.trim());
    if (found.length <= nth) throw new Error(`no token '${text}' in ${JSON.stringify(tokenize(source).map(t => t.text))}`);
    return found[nth].scopes;
}

function innermost(scopes: string[]): string {
    return scopes[scopes.length - 1];
}

const KEYWORD_ISH = /^(keyword|storage\.type|constant\.language)\./;
const isKeywordIsh = (scopes: string[]) => scopes.some(s => KEYWORD_ISH.test(s));

// ---------------------------------------------------------------- the keywords of the Langium grammar

const keywords = AstUtils.streamAllContents(MesoGrammar())
    .filter(GrammarAST.isKeyword)
    .map(k => k.value)
    .filter(v => /^[A-Za-z][A-Za-z-]*$/.test(v))
    .distinct()
    .toArray()
    .sort();

describe('TextMate grammar: file', () => {
    test('is valid JSON with scope name source.meso', () => {
        expect(() => JSON.parse(grammarText)).not.toThrow();
        expect(grammar.scopeName).toBe('source.meso');
        expect(grammar.patterns.length).toBeGreaterThan(0);
    });

    test('every include names an existing repository entry, every rule is well formed', () => {
        const problems: string[] = [];
        const visit = (rule: Rule, where: string) => {
            if (rule.include !== undefined) {
                if (rule.include !== '$self' && rule.include !== '$base'
                    && !(rule.include.startsWith('#') && rule.include.slice(1) in grammar.repository)) {
                    problems.push(`${where}: include ${rule.include}`);
                }
            }
            if (rule.begin !== undefined && rule.end === undefined) problems.push(`${where}: begin without end`);
            if (rule.match !== undefined && rule.begin !== undefined) problems.push(`${where}: both match and begin`);
            for (const source of [rule.match, rule.begin, rule.end]) {
                if (source === undefined) continue;
                try {
                    new RegExp(source, 'dgm');
                } catch (e) {
                    problems.push(`${where}: ${String(e)}`);
                }
            }
            rule.patterns?.forEach((p, i) => visit(p, `${where}.patterns[${i}]`));
        };
        grammar.patterns.forEach((p, i) => visit(p, `patterns[${i}]`));
        for (const [name, rule] of Object.entries(grammar.repository)) visit(rule, `repository.${name}`);
        expect(problems).toEqual([]);
    });

    test('every repository entry is used', () => {
        const used = new Set<string>();
        const visit = (rule: Rule) => {
            if (rule.include?.startsWith('#')) used.add(rule.include.slice(1));
            rule.patterns?.forEach(visit);
        };
        grammar.patterns.forEach(visit);
        Object.values(grammar.repository).forEach(visit);
        expect(Object.keys(grammar.repository).filter(k => !used.has(k))).toEqual([]);
    });
});

describe('TextMate grammar: keywords', () => {
    test('the Langium grammar keywords are found', () => {
        // the same list as the quoted words of meso.langium
        const langium = readFileSync(join(root, 'src/language/grammar/meso.langium'), 'utf8');
        const quoted = [...new Set([...langium.matchAll(/'([A-Za-z][A-Za-z-]*)'/g)].map(m => m[1]))].sort();
        expect(keywords).toEqual(quoted);
        expect(keywords).toEqual(expect.arrayContaining(['multi-injector', 'peer-reviewed', 'G', 'min', 'session']));
    });

    test.each(keywords)('%s is highlighted as a whole word', kw => {
        // alone, at the top level
        const alone = tokenize(kw);
        expect(alone.map(t => t.text)).toEqual([kw]);
        expect(isKeywordIsh(alone[0].scopes), `${kw}: ${alone[0].scopes.join(' ')}`).toBe(true);
        // inside a substance body
        const inBody = tokenizeText(`substance s {\n    ${kw}\n}`).lines[1];
        expect(inBody.map(t => t.text)).toEqual([kw]);
        expect(isKeywordIsh(inBody[0].scopes), `${kw} in a substance: ${inBody[0].scopes.join(' ')}`).toBe(true);
        // inside an identifier, never
        for (const word of [`zq${kw}`, `${kw}zq`, `${kw}_1`, `_${kw}`, `${kw}9`, `${kw}\u00E8`, `\u00B5${kw}`]) {
            const tokens = [...tokenize(word), ...tokenizeText(`substance s {\n    ${word}\n}`).lines[1]];
            expect(tokens.filter(t => isKeywordIsh(t.scopes)).map(t => `${t.text}: ${t.scopes.join(' ')}`), word).toEqual([]);
        }
    });

    test.each(keywords.filter(k => !['min', 'day', 'week', 'G'].includes(k)))('%s after a number is not a unit, nor a declared name', kw => {
        expect(scopesOf(`limit points per session <= 2 ${kw}`, kw)).not.toContain('keyword.other.unit.meso');
        expect(scopesOf(`limit points per session <= 2 ${kw}`, '2')).toContain('constant.numeric.meso');
        for (const decl of ['protocol', 'mixture', 'session', 'phase', 'class']) {
            expect(scopesOf(`${decl} ${kw}`, kw).some(s => s.startsWith('entity.name.')), `${decl} ${kw}`).toBe(false);
        }
    });

    test('sessionless is a name, session of is not a declaration', () => {
        expect(scopesOf('inject sessionless using x', 'sessionless')).toEqual(['source.meso']);
        expect(isKeywordIsh(scopesOf('mixture sessionless {', 'sessionless'))).toBe(false);
        expect(innermost(scopesOf('phase a: 1 session of standard every 7 days', 'session'))).toBe('keyword.other.clause.meso');
        expect(innermost(scopesOf('max 300 mg per session', 'session'))).toBe('keyword.other.clause.meso');
        expect(innermost(scopesOf('skin test 2 days before first session', 'session'))).toBe('keyword.other.clause.meso');
        expect(innermost(scopesOf('limit active substances per mixture <= 3', 'mixture'))).toBe('keyword.other.clause.meso');
    });

    test('hyphenated keywords are one token', () => {
        expect(innermost(scopesOf('    device multi-injector 18', 'multi-injector'))).toBe('constant.language.device.meso');
        expect(innermost(scopesOf('class c evidence peer-reviewed "note"', 'peer-reviewed'))).toBe('constant.language.evidence.meso');
    });

    test('keyword groups', () => {
        const line = 'limit sessions per cycle <= 12 for pain: error source "S2" evidence weak';
        expect(innermost(scopesOf(line, 'limit'))).toBe('storage.type.declaration.meso');
        expect(innermost(scopesOf(line, 'sessions'))).toBe('keyword.other.clause.meso');
        expect(innermost(scopesOf(line, 'per'))).toBe('keyword.other.connective.meso');
        expect(innermost(scopesOf(line, '<='))).toBe('keyword.operator.comparison.meso');
        expect(innermost(scopesOf(line, '12'))).toBe('constant.numeric.meso');
        expect(innermost(scopesOf(line, 'for'))).toBe('keyword.other.connective.meso');
        expect(innermost(scopesOf(line, 'pain'))).toBe('constant.language.indication.meso');
        expect(innermost(scopesOf(line, ':'))).toBe('punctuation.separator.colon.meso');
        expect(innermost(scopesOf(line, 'error'))).toBe('constant.language.severity.meso');
        expect(innermost(scopesOf(line, 'source'))).toBe('keyword.other.provenance.meso');
        expect(innermost(scopesOf(line, 'weak'))).toBe('constant.language.evidence.meso');
        expect(innermost(scopesOf('skin test on 2026-11-28 negative', 'negative'))).toBe('constant.language.result.meso');
        expect(innermost(scopesOf('import "a.meso"', 'import'))).toBe('storage.type.declaration.meso');
        expect(innermost(scopesOf('schedule {', 'schedule'))).toBe('storage.type.declaration.meso');
    });
});

describe('TextMate grammar: tokens', () => {
    test('quantities: a number and its unit', () => {
        const cases: [string, string, string][] = [
            ['concentration 20 mg/mL', '20', 'mg/mL'],
            ['saline 0.2mL', '0.2', 'mL'],
            ['concentration 2 %', '2', '%'],
            ['max 4.5 mg/kg per session', '4.5', 'mg/kg'],
            ['duration 10 min', '10', 'min'],
            ['concentration 1000 IU/mL', '1000', 'IU/mL'],
            ['hyaluronic_acid 20 \u00B5g', '20', '\u00B5g'],
            ['every 4 days after 21 days', '4', 'days']
        ];
        for (const [line, number, unit] of cases) {
            const tokens = tokenize(line);
            const i = tokens.findIndex(t => t.text === number);
            expect(i, line).toBeGreaterThanOrEqual(0);
            expect(innermost(tokens[i].scopes), line).toBe('constant.numeric.meso');
            expect(tokens[i + 1].text, line).toBe(unit);
            expect(innermost(tokens[i + 1].scopes), line).toBe('keyword.other.unit.meso');
        }
    });

    test('an ampoule, a range and counts', () => {
        const ampoule = tokenize('concentration 100 mg / 2 mL').map(t => [t.text, innermost(t.scopes)]);
        expect(ampoule).toEqual([
            ['concentration', 'keyword.other.clause.meso'],
            ['100', 'constant.numeric.meso'], ['mg', 'keyword.other.unit.meso'],
            ['/', 'keyword.operator.per.meso'],
            ['2', 'constant.numeric.meso'], ['mL', 'keyword.other.unit.meso']
        ]);
        const range = tokenize('limit needle length in 4 mm .. 13 mm').map(t => [t.text, innermost(t.scopes)]);
        expect(range.slice(4)).toEqual([
            ['4', 'constant.numeric.meso'], ['mm', 'keyword.other.unit.meso'],
            ['..', 'keyword.operator.range.meso'],
            ['13', 'constant.numeric.meso'], ['mm', 'keyword.other.unit.meso']
        ]);
        // A range as papers print it: the dash (or en dash) between two numbers, `to` as a word.
        const dashed = tokenize('0.1-0.2 mL per point').map(t => [t.text, innermost(t.scopes)]);
        expect(dashed.slice(0, 4)).toEqual([
            ['0.1', 'constant.numeric.meso'], ['-', 'keyword.operator.range.meso'],
            ['0.2', 'constant.numeric.meso'], ['mL', 'keyword.other.unit.meso']
        ]);
        expect(innermost(scopesOf('20\u201330 points', '\u2013'))).toBe('keyword.operator.range.meso');
        expect(innermost(scopesOf('depth 1 to 3 mm', 'to'))).toBe('keyword.other.connective.meso');
        const phase = tokenize('phase attack: 2 sessions of standard every 4 days');
        expect(phase.find(t => t.text === 'sessions')!.scopes).not.toContain('keyword.other.unit.meso');
        expect(innermost(scopesOf('    20 points', 'points'))).toBe('keyword.other.clause.meso');
        expect(innermost(scopesOf('interaction nsaid + nsaid: error "x"', '+'))).toBe('keyword.operator.combination.meso');
        expect(innermost(scopesOf('excludes pregnancy, breastfeeding', ','))).toBe('punctuation.separator.comma.meso');
    });

    test('gauges', () => {
        for (const [line, number] of [['needle 30G 4 mm', '30'], ['needle 27 G 13 mm', '27']]) {
            const tokens = tokenize(line);
            const i = tokens.findIndex(t => t.text === number);
            expect(innermost(tokens[i].scopes)).toBe('constant.numeric.gauge.meso');
            expect(tokens[i + 1].text).toBe('G');
            expect(innermost(tokens[i + 1].scopes)).toBe('keyword.other.unit.gauge.meso');
        }
    });

    test('dates', () => {
        expect(innermost(scopesOf('skin test on 2026-11-28 negative', '2026-11-28'))).toBe('constant.numeric.date.meso');
        expect(innermost(scopesOf('follows low_back_pain from 2026-12-01', '2026-12-01'))).toBe('constant.numeric.date.meso');
    });

    test('strings with escapes', () => {
        const tokens = tokenize('area "a \\"quoted\\" area" weight');
        expect(tokens.map(t => [t.text, innermost(t.scopes)])).toEqual([
            ['area', 'keyword.other.clause.meso'],
            ['"', 'punctuation.definition.string.begin.meso'],
            ['a ', 'string.quoted.double.meso'],
            ['\\"', 'constant.character.escape.meso'],
            ['quoted', 'string.quoted.double.meso'],
            ['\\"', 'constant.character.escape.meso'],
            [' area', 'string.quoted.double.meso'],
            ['"', 'punctuation.definition.string.end.meso'],
            ['weight', 'keyword.other.clause.meso']
        ]);
        // keywords and numbers inside a string are string
        expect(scopesOf('source "per session 20 mg // not a comment"', 'per session 20 mg // not a comment')).toEqual(['source.meso', 'string.quoted.double.meso']);
    });

    test('comments: line, block, documentation', () => {
        expect(scopesOf('weight 72 kg // protocol session 2 mL', ' protocol session 2 mL')).toEqual(['source.meso', 'comment.line.double-slash.meso']);
        const doc = tokenizeText('/**\n * A `substance` doc.\n */\nsubstance s {}');
        expect(doc.lines[0][0].scopes).toContain('comment.block.documentation.meso');
        expect(doc.lines[1].every(t => t.scopes.includes('comment.block.documentation.meso'))).toBe(true);
        expect(doc.lines[1].find(t => t.text === '`substance`')!.scopes).toContain('markup.inline.raw.meso');
        expect(doc.lines[2][0].scopes).toContain('comment.block.documentation.meso');
        expect(innermost(doc.lines[3][0].scopes)).toBe('storage.type.declaration.meso');
        const block = tokenizeText('/* block\n session */ session s {');
        expect(block.lines[0][0].scopes).toContain('comment.block.meso');
        expect(block.lines[0][0].scopes).not.toContain('comment.block.documentation.meso');
        expect(block.lines[1][0].scopes).toContain('comment.block.meso');
        expect(innermost(block.lines[1].find(t => t.text === 's')!.scopes)).toBe('entity.name.function.meso');
        expect(tokenize('/**/ limit')[0].scopes).toContain('comment.block.meso');
        expect(tokenize('/**/ limit')[0].scopes).not.toContain('comment.block.documentation.meso');
    });

    test('the meso-ignore directive', () => {
        const line = '    saline 2 mL   // meso-ignore amount-unknown: accepted, see note';
        expect(scopesOf(line, 'meso-ignore')).toEqual(['source.meso', 'comment.line.double-slash.directive.meso', 'keyword.other.directive.meso']);
        expect(innermost(scopesOf(line, 'amount-unknown'))).toBe('constant.other.diagnostic-code.meso');
        expect(scopesOf(line, ' accepted, see note')).toEqual(['source.meso', 'comment.line.double-slash.directive.meso']);
        expect(innermost(scopesOf(line, '2'))).toBe('constant.numeric.meso');
        expect(innermost(scopesOf('//meso-ignore wrong-layer: ok', 'meso-ignore'))).toBe('keyword.other.directive.meso');
        // a comment that merely mentions it is no directive
        expect(tokenize('// see meso-ignore x: y').flatMap(t => t.scopes)).not.toContain('keyword.other.directive.meso');
    });

    test('declaration names', () => {
        const cases: [string, string, string][] = [
            ['substance lidocaine "Lidocaine" {', 'lidocaine', 'entity.name.type.substance.meso'],
            ['protocol low_back_pain "Low back pain" {', 'low_back_pain', 'entity.name.type.meso'],
            ['patient rossi "M. Rossi" {', 'rossi', 'entity.name.type.meso'],
            ['class nsaid "NSAID"', 'nsaid', 'entity.name.type.meso'],
            ['condition pregnancy "Pregnancy" aliases "gravidanza"', 'pregnancy', 'entity.name.type.meso'],
            ['layer IDS "superficial intradermal" 1 mm .. 2 mm', 'IDS', 'entity.name.type.meso'],
            ['    mixture antalgic { lidocaine 1 mL }', 'antalgic', 'entity.name.function.meso'],
            ['    technique paravertebral {', 'paravertebral', 'entity.name.function.meso'],
            ['    session standard { inject antalgic }', 'standard', 'entity.name.function.meso'],
            ['        phase attack: 2 sessions of standard every 4 days', 'attack', 'entity.name.section.phase.meso'],
            ['        maintenance late: 2 sessions of standard every 30 days', 'late', 'entity.name.section.phase.meso'],
            ['substance m\u00E9socaine {', 'm\u00E9socaine', 'entity.name.type.substance.meso']
        ];
        for (const [line, name, scope] of cases) {
            expect(innermost(scopesOf(line, name)), line).toBe(scope);
            expect(innermost(scopesOf(line, line.trim().split(' ')[0])), line).toBe('storage.type.declaration.meso');
        }
        expect(innermost(scopesOf('        maintenance: 2 sessions of standard every 30 days', 'maintenance'))).toBe('storage.type.declaration.meso');
    });

    test('inside a substance, class and layer are clauses; provenance brackets', () => {
        const text = [
            'substance lidocaine "Lidocaine" {',
            '    class anesthetic, amide_anesthetic',
            '    layer IDS, IDP',
            '    max 200 mg per session: warning',
            '        [source "E26 UK figure" evidence weak "verify"]',
            '}',
            'class nsaid "NSAID"'
        ].join('\n');
        const { lines, openRules } = tokenizeText(text);
        expect(openRules).toBe(0);
        const find = (line: number, word: string) => lines[line].find(t => t.text.trim() === word)!.scopes;
        expect(innermost(find(1, 'class'))).toBe('keyword.other.clause.meso');
        expect(find(1, 'anesthetic').some(s => s.startsWith('entity.name'))).toBe(false);
        expect(innermost(find(2, 'layer'))).toBe('keyword.other.clause.meso');
        expect(find(2, 'IDS').some(s => s.startsWith('entity.name'))).toBe(false);
        expect(find(3, 'max')).toContain('meta.block.substance.meso');
        expect(innermost(find(4, '['))).toBe('punctuation.section.brackets.begin.meso');
        expect(find(4, 'source')).toEqual(expect.arrayContaining(['meta.provenance.meso', 'keyword.other.provenance.meso']));
        expect(find(4, 'weak')).toEqual(expect.arrayContaining(['meta.provenance.meso', 'constant.language.evidence.meso']));
        expect(innermost(find(4, ']'))).toBe('punctuation.section.brackets.end.meso');
        expect(innermost(find(5, '}'))).toBe('punctuation.section.block.end.meso');
        // after the substance, class declares again
        expect(innermost(find(6, 'class'))).toBe('storage.type.declaration.meso');
        expect(innermost(find(6, 'nsaid'))).toBe('entity.name.type.meso');
        expect(find(6, 'class')).not.toContain('meta.declaration.substance.meso');
    });

    test('a substance without a body does not swallow the next declaration', () => {
        const { lines } = tokenizeText('substance s "S"\nclass c');
        expect(lines[1][0].scopes).not.toContain('meta.declaration.substance.meso');
        expect(innermost(lines[1][1].scopes)).toBe('entity.name.type.meso');
    });

    const mesoFiles = [
        ...readdirSync(join(root, 'examples')).filter(f => f.endsWith('.meso')).map(f => join(root, 'examples', f)),
        ...readdirSync(join(root, 'examples/patients')).filter(f => f.endsWith('.meso')).map(f => join(root, 'examples/patients', f)),
        ...readdirSync(join(root, 'src/language/std')).filter(f => f.endsWith('.meso')).map(f => join(root, 'src/language/std', f))
    ];
    test.each(mesoFiles.map(f => [f.slice(root.length + 1), f]))('%s: every rule closes, every keyword outside comments and strings is highlighted', (_name, file) => {
        const text = readFileSync(file, 'utf8');
        const { lines, openRules } = tokenizeText(text);
        expect(openRules).toBe(0);
        const plain = lines.flat()
            .filter(t => t.scopes.every(s => s === 'source.meso' || s.startsWith('meta.')))
            .flatMap(t => t.text.match(/[A-Za-z_\u00B5\u03BC\u00C0-\u024F][\w\u00B5\u03BC\u00C0-\u024F-]*/g) ?? []);
        const unhighlighted = plain.filter(w => keywords.includes(w));
        expect(unhighlighted).toEqual([]);
    });
});

// ---------------------------------------------------------------- snippets

interface Snippet {
    prefix: string | string[];
    body: string | string[];
    description?: string;
}

const snippets = JSON.parse(snippetsText) as Record<string, Snippet>;

const VARIABLES: Record<string, string> = { CURRENT_YEAR: '2026', CURRENT_MONTH: '01', CURRENT_DATE: '15' };

/** A snippet body with every tabstop, placeholder, choice and variable replaced by its default. */
function expandSnippet(body: string): string {
    const defaults = new Map<string, string>();
    const pass = (): string => {
        let i = 0;
        const parse = (inside: boolean): string => {
            let out = '';
            while (i < body.length) {
                const c = body[i];
                if (c === '\\' && i + 1 < body.length && '$}\\,|'.includes(body[i + 1])) {
                    out += body[i + 1];
                    i += 2;
                } else if (inside && c === '}') {
                    return out;
                } else if (c === '$' && /[0-9]/.test(body[i + 1] ?? '')) {
                    const n = /^[0-9]+/.exec(body.slice(i + 1))![0];
                    out += defaults.get(n) ?? '';
                    i += 1 + n.length;
                } else if (c === '$' && body[i + 1] === '{') {
                    const head = /^\$\{([0-9]+|[A-Z_]+)(:|\||\})/.exec(body.slice(i));
                    if (!head) throw new Error(`bad snippet syntax at ${body.slice(i, i + 20)}`);
                    const [whole, id, kind] = head;
                    i += whole.length;
                    if (kind === '}') {
                        out += /^[0-9]+$/.test(id) ? (defaults.get(id) ?? '') : VARIABLES[id] ?? '';
                    } else if (kind === ':') {
                        const value = parse(true);
                        i++; // the closing brace
                        if (/^[0-9]+$/.test(id)) defaults.set(id, value);
                        out += /^[0-9]+$/.test(id) ? value : VARIABLES[id] ?? value;
                    } else {
                        const end = body.indexOf('|}', i);
                        const first = body.slice(i, end).split(/(?<!\\),/)[0].replace(/\\(.)/g, '$1');
                        defaults.set(id, first);
                        out += first;
                        i = end + 2;
                    }
                } else {
                    out += c;
                    i++;
                }
            }
            if (inside) throw new Error('unclosed placeholder');
            return out;
        };
        return parse(false);
    };
    pass(); // collects the defaults, so that mirrors written before their placeholder also expand
    return pass();
}

/** Where each snippet is meant to be typed: a file, a protocol body, a schedule, a substance clause. */
function inContext(name: string, text: string): string {
    switch (name) {
        case 'Mixture':
        case 'Technique':
        case 'Session':
        case 'Schedule':
            return `protocol p {\n${text}\n}`;
        case 'Phase':
            return `protocol p {\n    schedule {\n${text}\n    }\n}`;
        case 'Provenance':
            return `substance s {\n    max 20 mg per session ${text}\n}`;
        default:
            return text;
    }
}

describe('snippets', () => {
    const services = createTestServices();
    afterEach(() => reset(services));

    test('the file is valid JSON with the expected snippets', () => {
        expect(() => JSON.parse(snippetsText)).not.toThrow();
        const prefixes = Object.values(snippets).flatMap(s => [s.prefix].flat());
        expect(prefixes).toEqual(expect.arrayContaining(['protocol', 'substance', 'mixture', 'technique', 'patient', 'limit', 'interaction']));
        for (const [name, s] of Object.entries(snippets)) {
            expect(s.description, name).toBeTruthy();
            expect([s.body].flat().join('\n'), name).toMatch(/\$\{?1/);
        }
        const protocol = expandSnippet([snippets.Protocol.body].flat().join('\n'));
        for (const part of ['indication pain', 'patients from', 'skin test', 'mixture', 'technique', 'session', 'schedule {', 'phase', 'maintenance:']) {
            expect(protocol).toContain(part);
        }
    });

    test('choices offer the grammar\'s values', () => {
        const text = snippetsText;
        expect(text).toContain('${3|pain,aesthetic,vascular,dermatology,sports|}');
        expect(text).toContain('regulatory,peer-reviewed,teaching,weak,design,uncertain');
    });

    test('expansion replaces tabstops by their defaults', () => {
        expect(expandSnippet('a ${1:x} ${2|p,q|} ${1} $2 ${3:${CURRENT_YEAR}-${CURRENT_MONTH}} \\$ $0')).toBe('a x p x p 2026-01 $ ');
    });

    test.each(Object.keys(snippets))('snippet %s parses with defaults', async name => {
        const text = inContext(name, expandSnippet([snippets[name].body].flat().join('\n')));
        const doc = await buildFile(services, text);
        expect(doc.parseResult.lexerErrors.map(e => e.message), text).toEqual([]);
        expect(doc.parseResult.parserErrors.map(e => `${e.token.startLine}: ${e.message}`), text).toEqual([]);
    });
});

describe('TextMate grammar: Italian keywords', () => {
    const italian = Object.entries(ITALIAN_KEYWORDS).flatMap(([english, words]) => words.map(w => [w, english] as const));

    test.each(italian)('%s is highlighted as %s is', (word, english) => {
        expect(innermost(scopesOf(`substance s {\n    ${word}\n}`.split('\n')[1], word))).toBe(innermost(scopesOf(`substance s {\n    ${english}\n}`.split('\n')[1], english)));
        if (!['day', 'week'].includes(english)) expect(scopesOf(`limit points per session <= 2 ${word}`, word)).not.toContain('keyword.other.unit.meso');
        for (const word2 of [`${word}zq`, `zq${word}`, `${word}_1`]) expect(isKeywordIsh(scopesOf(word2, word2)), word2).toBe(false);
    });

    test('declarations, units and phrases in Italian', () => {
        expect(innermost(scopesOf('protocollo lombalgia {', 'lombalgia'))).toBe(innermost(scopesOf('protocol lombalgia {', 'lombalgia')));
        expect(innermost(scopesOf('    seduta standard {', 'standard'))).toBe(innermost(scopesOf('    session standard {', 'standard')));
        expect(innermost(scopesOf('    fase attacco: 2 sedute di standard ogni 4 giorni', 'giorni'))).toBe('keyword.other.unit.meso');
        expect(innermost(scopesOf('    fase attacco: 2 sedute di standard ogni 4 giorni', 'sedute'))).toBe('keyword.other.clause.meso');
        expect(innermost(scopesOf('    max 20 mg per seduta', 'seduta'))).toBe('keyword.other.clause.meso');
        expect(innermost(scopesOf('    test cutaneo il 2026-01-02 negativo', 'cutaneo'))).toBe('keyword.other.clause.meso');
    });
});
