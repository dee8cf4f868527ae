import { DefaultLangiumDocumentFactory, type AstNode, type Cancellation, type LangiumDocument, type Mutable, type TextDocument } from 'langium';
import { replaceAstNodes } from '../ast-walk.js';
import { reparseBlock } from '../parsing/block-reparse.js';

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
            const reparsed = reparseBlock(services.parser.LangiumParser, previous, text);
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
}
