import { afterEach, describe, expect, test } from 'vitest';
import { AstUtils, GrammarAST, GrammarUtils } from 'langium';
import { ITALIAN_KEYWORDS } from '../../../src/language/i18n/italian-keywords.js';
import { wordsOf } from '../../../src/language/parsing/meso-token-builder.js';
import { isMaxAmountClause, isProtocol, isSubstance, isLimit, type Protocol, type Substance } from '../../../src/language/generated/ast.js';
import { buildFile, codes, createTestServices, model, reset } from '../../helpers/services.js';
import { createMesoServices } from '../../../src/language/lsp/lsp-module.js';
import { EmptyFileSystem } from 'langium';

const services = createTestServices();
afterEach(() => reset(services));

describe('Italian keywords', () => {
    test('every entry names a keyword of the grammar, and no Italian word is itself a keyword', () => {
        const keywords = new Set([...GrammarUtils.getAllReachableRules(services.Grammar, false)].flatMap(r => GrammarAST.isParserRule(r) ? streamKeywords(r) : []));
        expect(Object.keys(ITALIAN_KEYWORDS).filter(k => !keywords.has(k))).toEqual([]);
        expect(Object.values(ITALIAN_KEYWORDS).flat().filter(w => keywords.has(w))).toEqual([]);
    });

    test('one word for one keyword', () => {
        const words = Object.values(ITALIAN_KEYWORDS).flat();
        expect(words.filter((w, i) => words.indexOf(w) !== i)).toEqual([]);
    });

    test('no word of a keyword token is tried before a longer word it begins', () => {
        const tokens = services.parser.TokenBuilder.buildTokens(services.Grammar) as { name: string; PATTERN?: unknown }[];
        const keywordTokens = tokens.filter(t => t.PATTERN instanceof RegExp ? !/[[\\]/.test(t.PATTERN.source) : typeof t.PATTERN === 'string');
        const clashes: string[] = [];
        keywordTokens.forEach((a, i) => keywordTokens.slice(i + 1).forEach(b => {
            for (const x of wordsOf(a as never)) for (const y of wordsOf(b as never)) if (y !== x && y.startsWith(x)) clashes.push(`${x} (${a.name}) before ${y} (${b.name})`);
        }));
        expect(clashes).toEqual([]);
    });

    test('an Italian protocol has the AST of the English one: keyword values, not words', async () => {
        const doc = await buildFile(services, `sostanza s { concentrazione 20 mg/mL  max 20 mg per giorno  max 5 consecutivi giorni }
protocollo p { indicazione dolore  limite volume per punto <= 0.3 mL : avviso
  miscela m { s 1 mL }  tecnica t { ago 30G 4 mm  profondità 2 mm  0.1 mL per punto  10 punti }
  seduta a { inietta m con t }  calendario { fase uno: 2 sedute di a ogni 1 settimana  mantenimento: 1 seduta di a dopo 3 mesi } }`);
        const root = model(doc);
        const s = root.elements.find(isSubstance) as Substance;
        expect(s.clauses.filter(isMaxAmountClause).map(c => c.scope)).toEqual(['day']);
        const p = root.elements.find(isProtocol) as Protocol;
        expect(p.members.filter(isLimit).map(l => [l.metric, l.severity])).toEqual([['volume per point', 'warning']]);
        expect(codes(doc).filter(c => c !== 'unused')).toEqual([]);
    });

    test('test cutaneo and allergico a read as skin test and allergic to; "a" stays a name elsewhere', async () => {
        const doc = await buildFile(services, `class a
paziente x { peso 70 kg  allergico a a  test cutaneo il 2026-01-02 negativo }`);
        expect(doc.parseResult.parserErrors).toEqual([]);
        expect(doc.parseResult.lexerErrors).toEqual([]);
        expect(codes(doc)).toEqual([]);
    });

    test('a file may mix both languages', async () => {
        const doc = await buildFile(services, 'protocol p {\n  mixture m { saline 1 mL }\n  tecnica t { needle 30G 4 mm  profondita 2 mm }\n  seduta a { inject m using t }\n  schedule { phase x: 1 session of a } }');
        expect(doc.parseResult.parserErrors).toEqual([]);
        expect(codes(doc)).toEqual([]);
    });

    test('a fresh set of services lexes the same (no shared state)', () => {
        const other = createMesoServices(EmptyFileSystem).Meso;
        expect(other.parser.Lexer.tokenize('seduta').tokens[0].tokenType.name).toBe('session');
        expect(other.parser.Lexer.tokenize('sedutas').tokens[0].tokenType.name).toBe('ID');
    });
});

function streamKeywords(rule: GrammarAST.ParserRule): string[] {
    return AstUtils.streamAllContents(rule).filter(GrammarAST.isKeyword).map(k => k.value).toArray();
}
