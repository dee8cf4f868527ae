import { DefaultLangiumDocumentFactory, isOperationCancelled, type AstNode, type Cancellation, type LangiumDocument, type Mutable, type ParseResult, type TextDocument, type URI } from 'langium';
import { replaceAstNodes } from '../ast-walk.js';
import { reparseBlock } from '../parsing/block-reparse.js';
import type { MesoServices } from '../meso-module.js';

/**
 * Langium parses a changed document again from its first character. When the change lies
 * inside one braced block (a technique, a mixture, a session...) and the file parsed cleanly,
 * only that block is parsed again (see `reparseBlock`): a keystroke in a 5,000-line protocol
 * parses a few lines instead of all of them.
 */
export class MesoDocumentFactory extends DefaultLangiumDocumentFactory {
    /** The text `update` read, handed to Langium's `update` so that it reads it only once. */
    private pending: { readonly document: LangiumDocument; readonly text: string } | undefined;

    /**
     * The block path, then Langium's own `update`: when the block re-parse applies, the tree
     * already holds the new text, so Langium keeps it (it parses only when the text differs
     * from the tree's); otherwise Langium parses the whole text as it always does. Langium
     * also sets the document's text and state, whatever it does there in a later release.
     */
    override async update<T extends AstNode = AstNode>(document: Mutable<LangiumDocument<T>>, cancellationToken: Cancellation.CancellationToken): Promise<LangiumDocument<T>> {
        const previous = document.parseResult;
        const text = await this.getUpdatedText(document, this.textDocuments?.get(document.uri.toString()), cancellationToken);
        if (previous.value.$cstNode?.root.fullText !== text) {
            const services = this.serviceRegistry.getServices(document.uri);
            const reparsed = this.tooLong(document.uri, text) ? undefined : unlessItThrows(() => reparseBlock(services.parser.LangiumParser, previous, text));
            if (reparsed) {
                replaceAstNodes(reparsed.result.value, reparsed.replaced, reparsed.by);
                document.parseResult = reparsed.result as typeof previous;
                // The kept nodes keep their reference objects: one read since the document was
                // reset (when its own names were out of the index) must not stay bound.
                services.references.Linker.unlink(document);
            }
        }
        this.pending = { document, text };
        try {
            return await super.update(document, cancellationToken);
        } finally {
            this.pending = undefined;
        }
    }

    protected override async getUpdatedText(document: LangiumDocument, textDocument: TextDocument | undefined, cancellationToken: Cancellation.CancellationToken): Promise<string> {
        const pending = this.pending;
        if (pending?.document === document) {
            this.pending = undefined;
            return pending.text;
        }
        return super.getUpdatedText(document, textDocument, cancellationToken);
    }

    /**
     * A parse that throws (a document that overflows the parser's stack) gives an empty model and
     * one syntax error naming the failure, instead of failing the build of every document with it:
     * one file must not stop the others (nor the workspace's loading) from being served. An
     * editor's buffer over the size limit is not parsed at all (the validator reports it).
     */
    protected override parse<T extends AstNode>(uri: URI, text: string, options?: Parameters<DefaultLangiumDocumentFactory['parse']>[2]): ParseResult<T> {
        try {
            return super.parse<T>(uri, this.tooLong(uri, text) ? '' : text, options);
        } catch (e) {
            this.resynchronize(uri);
            return unparsable<T>(e);
        }
    }

    protected override async parseAsync<T extends AstNode>(uri: URI, text: string, cancellationToken: Cancellation.CancellationToken): Promise<ParseResult<T>> {
        try {
            return await super.parseAsync<T>(uri, this.tooLong(uri, text) ? '' : text, cancellationToken);
        } catch (e) {
            if (isOperationCancelled(e)) throw e;
            this.resynchronize(uri);
            return unparsable<T>(e);
        }
    }

    /** True for the text of an editor's buffer over the size limit (see MesoTextRefusals). */
    private tooLong(uri: URI, text: string): boolean {
        if (!this.textDocuments?.get(uri.toString())) return false;
        return (this.serviceRegistry.getServices(uri) as MesoServices).workspace.TextRefusals.tooLong(text) !== undefined;
    }

    /**
     * A parse that threw leaves the parser's rule stacks as they were at the throw, and the next
     * parse then gives an empty tree without any error: one throwaway parse of nothing, whose
     * rules all complete, resets them.
     */
    private resynchronize(uri: URI): void {
        unlessItThrows(() => this.serviceRegistry.getServices(uri).parser.LangiumParser.parse(''));
    }
}

function unlessItThrows<T>(run: () => T): T | undefined {
    try {
        return run();
    } catch {
        return undefined;
    }
}

/** The parse result of a document the parser failed on: an empty model and one error at its start. */
function unparsable<T extends AstNode>(error: unknown): ParseResult<T> {
    const reason = error instanceof Error ? error.message : String(error);
    const token = { image: '', startOffset: 0, endOffset: 0, startLine: 1, startColumn: 1, endLine: 1, endColumn: 1, tokenTypeIdx: 0, tokenType: { name: 'EOF', PATTERN: '' } };
    return {
        value: { $type: 'Model', imports: [], elements: [] } as unknown as T,
        lexerErrors: [],
        parserErrors: [{ name: 'UnparsableDocument', message: `This file could not be parsed (${reason}): nothing in it is checked.`, token, resyncedTokens: [], context: { ruleStack: [], ruleOccurrenceStack: [] } }] as unknown as ParseResult<T>['parserErrors']
    };
}
