import { DefaultLangiumDocumentFactory, DocumentState, type AstNode, type LangiumDocument, type Mutable } from 'langium';
import type { CancellationToken } from 'vscode-languageserver';
import { replaceAstNodes } from '../ast-walk.js';
import { reparseBlock } from '../parsing/block-reparse.js';

/**
 * Langium parses a changed document again from its first character. When the change lies
 * inside one braced block (a technique, a mixture, a session...) and the file parsed cleanly,
 * only that block is parsed again (see `reparseBlock`): a keystroke in a 5,000-line protocol
 * parses a few lines instead of all of them.
 */
export class MesoDocumentFactory extends DefaultLangiumDocumentFactory {
    // Langium's `update`, with the block re-parse tried before a full parse.
    override async update<T extends AstNode = AstNode>(document: Mutable<LangiumDocument<T>>, cancellationToken: CancellationToken): Promise<LangiumDocument<T>> {
        const previous = document.parseResult;
        const textDocument = this.textDocuments?.get(document.uri.toString());
        const text = await this.getUpdatedText(document, textDocument, cancellationToken);
        if (textDocument) {
            Object.defineProperty(document, 'textDocument', { value: textDocument });
        } else {
            const textDocumentGetter = this.createTextDocumentGetter(document.uri, text);
            Object.defineProperty(document, 'textDocument', { get: textDocumentGetter });
        }
        if (previous.value.$cstNode?.root.fullText !== text) {
            const services = this.serviceRegistry.getServices(document.uri);
            const reparsed = reparseBlock(services.parser.LangiumParser, previous, text);
            if (reparsed) {
                replaceAstNodes(reparsed.result.value, reparsed.replaced, reparsed.by);
                document.parseResult = reparsed.result as typeof previous;
                // The kept nodes keep their reference objects: one read since the document was
                // reset (when its own names were out of the index) must not stay bound.
                services.references.Linker.unlink(document);
            } else {
                document.parseResult = await this.parseAsync(document.uri, text, cancellationToken);
                (document.parseResult.value as Mutable<AstNode>).$document = document;
            }
        }
        document.state = DocumentState.Parsed;
        return document;
    }
}
