import { DefaultLexer, type LexerResult, type TokenizeOptions } from 'langium';

/**
 * Two Italian phrases that need two tokens rewritten, not one: `test cutaneo` (the words in the
 * other order of `skin test`) and `allergico a` (`a` is `to` only there; elsewhere it stays a name).
 */
const PHRASES: ReadonlyArray<{ first: string; second: string; as: [string, string] }> = [
    { first: 'test', second: 'cutaneo', as: ['skin', 'test'] },
    { first: 'allergic', second: 'a', as: ['allergic', 'to'] }
];

/**
 * Langium's lexer, reading the two phrases above as the keywords they stand for. The images stay
 * the author's words (a CST leaf's length is its token's image length); the parser puts the
 * keywords' values in the AST (parsing/meso-parser.ts, meso-value-converter.ts).
 */
export class MesoLexer extends DefaultLexer {
    override tokenize(text: string, options?: TokenizeOptions): LexerResult {
        const result = super.tokenize(text, options);
        const tokens = result.tokens;
        for (let i = 0; i < tokens.length; i++) {
            const token = tokens[i];
            const name = token.tokenType.name;
            const next = tokens[i + 1];
            const phrase = next && PHRASES.find(p => p.first === name && next.image === p.second && next.tokenType.name === 'ID');
            if (phrase) {
                const [first, second] = phrase.as.map(n => this.definition[n]);
                token.tokenType = first;
                token.tokenTypeIdx = first.tokenTypeIdx!;
                next.tokenType = second;
                next.tokenTypeIdx = second.tokenTypeIdx!;
                i++;
            }
        }
        return result;
    }
}
