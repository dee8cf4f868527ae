import { Cancellation, DefaultDocumentValidator, DocumentValidator, interruptAndCheck, type AstNode, type LangiumDocument, type LangiumSharedCoreServices, type ParseResult, type ValidationAcceptor, type ValidationCheck, type ValidationOptions } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import { astNodesOf } from '../ast-walk.js';
import type { MesoServices } from '../meso-module.js';
import type { MesoLinkingError } from '../scoping/meso-linker.js';
import { refuseNul } from '../workspace/decode-text.js';
import type { MesoTextRefusals } from '../workspace/text-refusals.js';
import { IssueCodes } from './issue-codes.js';
import type { MesoValidationRegistry } from './meso-validation-registry.js';
import { notTextDiagnostic } from './not-text.js';
import { explainReservedWords } from './reserved-words.js';
import { applySuppressions } from './suppression.js';
import { applyConfiguredSeverities } from './configured-severities.js';
import type { MesoProjectSettings } from '../workspace/project-settings.js';
import { localizedMessage, localizeRelated } from './report.js';
import type { MesoLocale } from '../i18n/meso-locale.js';

const LANGIUM_CODES: Record<string, string> = {
    [DocumentValidator.LexingError]: IssueCodes.SyntaxError,
    [DocumentValidator.ParsingError]: IssueCodes.SyntaxError
};

/**
 * Refuses a text holding a NUL character with one `not-text` error. Otherwise gives Langium's own parse and link errors stable codes, then applies `// meso-ignore`
 * comments (and reports the ones that are unused, lack a reason or may not be used).
 */
export class MesoDocumentValidator extends DefaultDocumentValidator {
    private readonly registry: MesoValidationRegistry;

    private readonly refusals: MesoTextRefusals;
    private readonly settings: MesoProjectSettings;
    private readonly locale: MesoLocale;
    private readonly textDocuments: LangiumSharedCoreServices['workspace']['TextDocuments'];

    constructor(services: MesoServices) {
        super(services);
        this.registry = services.validation.ValidationRegistry as MesoValidationRegistry;
        this.refusals = services.workspace.TextRefusals;
        this.settings = services.workspace.ProjectSettings;
        this.textDocuments = services.shared.workspace.TextDocuments;
        this.locale = services.i18n.Locale;
    }

    override async validateDocument(document: LangiumDocument, options?: ValidationOptions, cancelToken?: Cancellation.CancellationToken): Promise<Diagnostic[]> {
        // Bytes refused as text when the file was read from disk (unless the editor holds it
        // open: then its buffer is the text), or binary data in an editor's buffer: one error.
        const open = this.textDocuments?.get(document.uri.toString()) !== undefined;
        const text = document.textDocument.getText();
        const refusal = (open ? this.refusals.tooLong(text) : this.refusals.get(document.uri)) ?? refuseNul(text);
        if (refusal) return [notTextDiagnostic(refusal.message, refusal.line, refusal.character)];
        const diagnostics = await super.validateDocument(document, options, cancelToken);
        const locale = this.locale.current;
        for (const d of diagnostics) {
            if (locale !== 'en') {
                d.message = localizedMessage(d, locale) ?? d.message;
                localizeRelated(d, locale);
            }
            const data = d.data as { code?: string } | undefined;
            const mapped = data?.code ? LANGIUM_CODES[data.code] : undefined;
            if (mapped) {
                d.code = mapped;
                d.data = { ...data, code: mapped };
            }
        }
        const kept = applySuppressions(document.textDocument.getText(), diagnostics);
        return applyConfiguredSeverities(kept, this.settings.forDocument(document.uri)?.severities);
    }

    /** Langium's parse errors, with a reserved word used as a name explained once (reserved-words.ts). */
    protected override processParsingErrors(parseResult: ParseResult, diagnostics: Diagnostic[], options: ValidationOptions): void {
        super.processParsingErrors({ ...parseResult, parserErrors: explainReservedWords(parseResult.parserErrors) }, diagnostics, options);
    }

    /**
     * Langium's `processLinkingErrors` with Meso's code, `unresolved-name`, and the nearest
     * declared name the linker found (`data.suggestion`, read by the quick fix): Langium's
     * copies the linking error's message and position but not its data.
     */
    protected override processLinkingErrors(document: LangiumDocument, diagnostics: Diagnostic[], _options: ValidationOptions): void {
        for (const reference of document.references) {
            const error = reference.error as Partial<MesoLinkingError> | undefined;
            if (!error?.info) continue;
            const suggestion = error.data?.suggestion;
            diagnostics.push(this.toDiagnostic('error', error.message ?? '', {
                node: error.info.container, range: reference.$refNode?.range, property: error.info.property, index: error.info.index,
                code: IssueCodes.UnresolvedName,
                data: {
                    code: IssueCodes.UnresolvedName, containerType: error.info.container.$type, property: error.info.property,
                    refText: error.info.reference.$refText, ...(suggestion && { suggestion })
                }
            }));
        }
    }

    /**
     * Runs the checks of every node in Langium's order, but over a plain array of the nodes
     * with the registry's cached check arrays, awaiting only the checks that are
     * asynchronous and yielding for cancellation every 256 nodes instead of at each node:
     * a promise and a stream per node and check were a good part of validation time.
     * `validateSingleNodeOptions` is honoured as in Langium (a node skipped, or its subtree
     * pruned); with Langium's profiler on, Langium's own loop runs, which times each node.
     */
    protected override async validateAstNodes(rootNode: AstNode, options: ValidationOptions, acceptor: ValidationAcceptor, cancelToken = Cancellation.CancellationToken.None): Promise<void> {
        if (this.profiler?.isActive('validating')) return super.validateAstNodes(rootNode, options, acceptor, cancelToken);
        const nodes = astNodesOf(rootNode);
        const checksByType = new Map<string, readonly ValidationCheck[]>();
        // Nodes whose children are not validated; the list is in pre-order, so a node's
        // container always comes before it.
        const pruned = new Set<AstNode>();
        for (let i = 0; i < nodes.length; i++) {
            if ((i & 255) === 255) await interruptAndCheck(cancelToken);
            const node = nodes[i];
            if (pruned.size > 0 && node.$container && pruned.has(node.$container)) {
                pruned.add(node);
                continue;
            }
            const nodeOptions = this.validateSingleNodeOptions(node, options);
            if (!nodeOptions.validateChildren) pruned.add(node);
            if (!nodeOptions.validateNode) continue;
            let checks = checksByType.get(node.$type);
            if (!checks) checksByType.set(node.$type, checks = this.registry.checksOf(node.$type, options.categories));
            for (const check of checks) {
                const result = check(node, acceptor, cancelToken) as unknown;
                if (result instanceof Promise) await result;
            }
        }
    }
}
