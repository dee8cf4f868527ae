import { DefaultTokenBuilder, type GrammarAST } from 'langium';
// Types only: Chevrotain is Langium's lexer, reached through Langium.
import type { TokenPattern, TokenType } from 'chevrotain';
import { ITALIAN_KEYWORDS } from '../i18n/italian-keywords.js';

const escape = (word: string) => word.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');

/** The words a keyword token matches: the keyword and its Italian synonyms. */
export function wordsOf(token: TokenType): string[] {
    return [token.name, ...(ITALIAN_KEYWORDS[token.name] ?? [])];
}

/**
 * Langium's token builder with each keyword's pattern widened to its Italian words
 * (i18n/italian-keywords.ts): `/session|seduta/`, longest word first. Keyword tokens are then
 * ordered by their longest word, so a word is not tried before a longer one it begins
 * (test/language/i18n/italian-keywords.test.ts holds that no earlier word is a prefix of a later one).
 */
export class MesoTokenBuilder extends DefaultTokenBuilder {
    protected override buildKeywordPattern(keyword: GrammarAST.Keyword, caseInsensitive: boolean): TokenPattern {
        const words = ITALIAN_KEYWORDS[keyword.value];
        if (!words || caseInsensitive) return super.buildKeywordPattern(keyword, caseInsensitive);
        return new RegExp([keyword.value, ...words].sort((a, b) => b.length - a.length).map(escape).join('|'));
    }

    protected override buildKeywordTokens(...args: Parameters<DefaultTokenBuilder['buildKeywordTokens']>): TokenType[] {
        const longest = (t: TokenType) => Math.max(...wordsOf(t).map(w => w.length));
        return super.buildKeywordTokens(...args).sort((a, b) => longest(b) - longest(a));
    }
}
