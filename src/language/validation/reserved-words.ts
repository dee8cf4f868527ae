import type { ParseResult } from 'langium';

type IRecognitionException = ParseResult['parserErrors'][number];
type IToken = IRecognitionException['token'];

/**
 * A keyword written where a name belongs (`mixture first {`, `technique syringe {`,
 * `substance gun {`) is one syntax error that says the word is reserved and suggests a name,
 * instead of the parser's `Expecting token of type 'ID' but found 'first'` followed by an error
 * about the end of the file, which only comes from the parser abandoning the block.
 */

const IDENTIFIER = /^[_a-zA-Z\u00B5\u03BC\u00C0-\u024F][\w\u00B5\u03BC\u00C0-\u024F]*$/;

/** The declaration keywords a name follows, and the word a suggested name ends with. */
const SUFFIX: Readonly<Record<string, string>> = {
    mixture: 'mix', technique: 'technique', session: 'session', substance: 'substance', product: 'product',
    protocol: 'protocol', patient: 'patient', class: 'class', condition: 'condition', layer: 'layer', phase: 'phase'
};

function isReservedAsName(error: IRecognitionException): boolean {
    const token = error.token;
    return /^Expecting token of type 'ID' but found/.test(error.message) && IDENTIFIER.test(token.image ?? '')
        && token.tokenType?.name !== 'ID';
}

/** The parser errors with a reserved word explained, and the errors that only follow from it left out. */
export function explainReservedWords(errors: IRecognitionException[]): IRecognitionException[] {
    const result: IRecognitionException[] = [];
    let explained = false;
    for (const error of errors) {
        if (isReservedAsName(error)) {
            explained = true;
            result.push(withMessage(error, reservedMessage(error.token, (error as { previousToken?: IToken }).previousToken)));
        } else if (!(explained && /^Expecting (token of type 'EOF'|end of file)/.test(error.message))) {
            result.push(error);
        }
    }
    return result;
}

function reservedMessage(token: IToken, previous: IToken | undefined): string {
    const word = token.image;
    const kind = previous && SUFFIX[previous.image] ? previous.image : undefined;
    const rename = kind ? ` Rename the ${kind}, e.g. '${word}_${SUFFIX[kind]}'.` : ' Use another name where it is declared and here.';
    return `'${word}' is a reserved word of the language and cannot be a name.${rename} Until it is renamed, the rest of this block is not read.`;
}

function withMessage(error: IRecognitionException, message: string): IRecognitionException {
    return {
        name: error.name, message, token: error.token, resyncedTokens: error.resyncedTokens, context: error.context,
        ...('previousToken' in error && { previousToken: (error as { previousToken?: IToken }).previousToken })
    } as IRecognitionException;
}
