import { DefaultDocumentValidator, DocumentValidator, interruptAndCheck, type AstNode, type LangiumDocument, type LangiumSharedCoreServices, type ValidationAcceptor, type ValidationCheck, type ValidationOptions } from 'langium';
import { CancellationToken } from 'vscode-languageserver';
import type { Diagnostic } from 'vscode-languageserver-types';
import { astNodesOf } from '../ast-walk.js';
import type { MesoServices } from '../meso-module.js';
import { refuseNul } from '../workspace/decode-text.js';
import type { MesoTextRefusals } from '../workspace/text-refusals.js';
import { IssueCodes } from './issue-codes.js';
import type { MesoValidationRegistry } from './meso-validation-registry.js';
import { notTextDiagnostic } from './not-text.js';
import { applySuppressions } from './suppression.js';

const LANGIUM_CODES: Record<string, string> = {
    [DocumentValidator.LexingError]: IssueCodes.SyntaxError,
    [DocumentValidator.ParsingError]: IssueCodes.SyntaxError,
    [DocumentValidator.LinkingError]: IssueCodes.UnresolvedName
};

/**
 * Refuses a text holding a NUL character with one `not-text` error. Otherwise gives Langium's own parse and link errors stable codes, then applies `// meso-ignore`
 * comments (and reports the ones that are unused, lack a reason or may not be used).
 */
export class MesoDocumentValidator extends DefaultDocumentValidator {
    private readonly registry: MesoValidationRegistry;

    private readonly refusals: MesoTextRefusals;
    private readonly textDocuments: LangiumSharedCoreServices['workspace']['TextDocuments'];

    constructor(services: MesoServices) {
        super(services);
        this.registry = services.validation.ValidationRegistry as MesoValidationRegistry;
        this.refusals = services.workspace.TextRefusals;
        this.textDocuments = services.shared.workspace.TextDocuments;
    }

    override async validateDocument(document: LangiumDocument, options?: ValidationOptions, cancelToken?: CancellationToken): Promise<Diagnostic[]> {
        // Bytes refused as text when the file was read from disk (unless the editor holds it
        // open: then its buffer is the text), or binary data in an editor's buffer: one error.
        const open = this.textDocuments?.get(document.uri.toString()) !== undefined;
        const refusal = (open ? undefined : this.refusals.get(document.uri)) ?? refuseNul(document.textDocument.getText());
        if (refusal) return [notTextDiagnostic(refusal.message, refusal.line, refusal.character)];
        const diagnostics = await super.validateDocument(document, options, cancelToken);
        for (const d of diagnostics) {
            const data = d.data as { code?: string } | undefined;
            const mapped = data?.code ? LANGIUM_CODES[data.code] : undefined;
            if (mapped) {
                d.code = mapped;
                // The linker names the nearest declared name in its message; quick fixes need it as data.
                const suggestion = /Did you mean '([^']+)'\?/.exec(String(d.message))?.[1];
                d.data = { ...data, code: mapped, ...(suggestion && { suggestion }) };
            }
        }
        return applySuppressions(document.textDocument.getText(), diagnostics);
    }

    /**
     * Runs the checks of every node in Langium's order, but over a plain array of the nodes
     * with the registry's cached check arrays, awaiting only the checks that are
     * asynchronous and yielding for cancellation every 256 nodes instead of at each node:
     * a promise and a stream per node and check were a good part of validation time.
     */
    protected override async validateAstNodes(rootNode: AstNode, options: ValidationOptions, acceptor: ValidationAcceptor, cancelToken = CancellationToken.None): Promise<void> {
        const nodes = astNodesOf(rootNode);
        const checksByType = new Map<string, readonly ValidationCheck[]>();
        for (let i = 0; i < nodes.length; i++) {
            if ((i & 255) === 255) await interruptAndCheck(cancelToken);
            const node = nodes[i];
            let checks = checksByType.get(node.$type);
            if (!checks) checksByType.set(node.$type, checks = this.registry.checksOf(node.$type, options.categories));
            for (const check of checks) {
                const result = check(node, acceptor, cancelToken) as unknown;
                if (result instanceof Promise) await result;
            }
        }
    }
}
