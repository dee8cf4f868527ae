import { AstUtils, GrammarAST, WorkspaceCache, type AstNode, type AstNodeDescription, type LangiumDocument, type ReferenceInfo } from 'langium';
import { DefaultCompletionProvider, type CompletionAcceptor, type CompletionContext, type CompletionValueItem, type NextFeature } from 'langium/lsp';
import {
    CompletionItemKind, type CancellationToken, type CompletionList, type CompletionParams, type InsertReplaceEdit, type MarkupContent
} from 'vscode-languageserver';
import { isAreaClause, isLimit, isQuantity, isSubstance, isTechnique } from '../generated/ast.js';
import type { MesoLspServices } from './lsp-module.js';
import { classesOf, concentrationOf } from '../semantics/library.js';
import { unitSpellings } from '../units/unit-table.js';
import { formatNumber } from '../units/quantity.js';
import { limitDimension, slotOf } from '../validation/rules/unit-checks.js';
import { importPathCompletions } from './import-paths.js';
import { italianKeyword, keywordLanguage } from '../i18n/italian-keywords.js';

/** Characters that continue an identifier (the ID terminal's tail). */
const IDENTIFIER_TAIL = /^[\w\u00B5\u03BC\u00C0-\u024F]*/;

/**
 * Completion that knows the domain: substances with their class and strength, aliases that
 * insert the canonical name, and units after a number filtered to what the slot accepts.
 */
export class MesoCompletionProvider extends DefaultCompletionProvider {
    /** Documentation and detail of each declaration, rendered once: a list offers hundreds. */
    private readonly rendered: WorkspaceCache<AstNode, { documentation?: MarkupContent | string; detail?: string }>;

    constructor(private readonly services: MesoLspServices) {
        super(services);
        this.rendered = new WorkspaceCache(services.shared);
    }

    /**
     * Langium's completion, with the position clamped to the document (a position past the end
     * of a line gave ranges ending outside the document), nothing inside comments and strings,
     * and the files of the project inside an import's string.
     */
    override async getCompletion(document: LangiumDocument, params: CompletionParams, cancelToken?: CancellationToken): Promise<CompletionList | undefined> {
        const textDocument = document.textDocument;
        const offset = textDocument.offsetAt(params.position);
        const position = textDocument.positionAt(offset);
        const imports = importPathCompletions(document, position, this.services.shared.workspace.LangiumDocuments, this.services.scoping.Imports,
            Boolean(this.clientCapabilities?.completionItem?.insertReplaceSupport));
        if (imports) return { isIncomplete: false, items: imports };
        if (this.insideCommentOrString(textDocument.getText(), offset)) return { isIncomplete: false, items: [] };
        return super.getCompletion(document, { ...params, position }, cancelToken);
    }

    /**
     * A keyword in the file's language (detected by the keywords already written): `seduta` in
     * an Italian file, `session` in an English one; `skin` is `test cutaneo` in Italian.
     */
    protected override completionForKeyword(context: CompletionContext, keyword: GrammarAST.Keyword, acceptor: CompletionAcceptor): void {
        if (!this.filterKeyword(context, keyword)) return;
        const italian = this.languageOf(context.document) === 'it';
        const label = italian ? (keyword.value === 'skin' ? 'test cutaneo' : italianKeyword(keyword.value)) ?? keyword.value : keyword.value;
        acceptor(context, { label, kind: this.getKeywordCompletionItemKind(keyword), detail: this.services.i18n.Locale.t('completion.keyword'), sortText: '1' });
    }

    private languageCache = new WeakMap<LangiumDocument, { version: number; language: 'en' | 'it' }>();

    private languageOf(document: LangiumDocument): 'en' | 'it' {
        const version = document.textDocument.version;
        const cached = this.languageCache.get(document);
        if (cached?.version === version) return cached.language;
        const language = keywordLanguage(this.lexer.tokenize(document.textDocument.getText()).tokens.map(t => ({ name: t.tokenType.name, image: t.image })));
        this.languageCache.set(document, { version, language });
        return language;
    }

    /** True when `offset` is inside a comment (a `//` one runs to the end of its line) or strictly inside a string. */
    private insideCommentOrString(text: string, offset: number): boolean {
        const { tokens, hidden } = this.lexer.tokenize(text);
        const inside = (start: number, end: number) => start < offset && offset < end;
        const end = (t: { startOffset: number; image: string }) => t.startOffset + t.image.length;
        return hidden.some(t => (t.image.startsWith('/*') && inside(t.startOffset, end(t)))
                || (t.image.startsWith('//') && t.startOffset < offset && offset <= end(t)))
            || tokens.some(t => t.image.startsWith('"') && inside(t.startOffset, end(t)));
    }

    /**
     * The range an item replaces: from the start of the word being completed, where the cursor
     * is, to the end of the word under the cursor. Langium's replace range was empty at the
     * start of a word (accepting inserted in front of it), and its insert range ended at the
     * unclamped cursor: neither is a prefix of the other then.
     */
    protected override buildCompletionTextEditWithInsertReplace(context: CompletionContext, label: string, newText: string): InsertReplaceEdit | undefined {
        const edit = super.buildCompletionTextEditWithInsertReplace(context, label, newText);
        if (!edit) return undefined;
        const text = context.textDocument.getText();
        const wordEnd = context.offset + IDENTIFIER_TAIL.exec(text.slice(context.offset, context.offset + 256))![0].length;
        const end = context.textDocument.positionAt(Math.max(context.offset, context.tokenEndOffset, wordEnd));
        return { newText, insert: { start: edit.insert.start, end: context.position }, replace: { start: edit.insert.start, end } };
    }

    protected override getReferenceDocumentation(description: AstNodeDescription): MarkupContent | string | undefined {
        const node = description.node;
        if (!node) return undefined;
        return this.renderedFor(node).documentation;
    }

    private renderedFor(node: AstNode): { documentation?: MarkupContent | string; detail?: string } {
        return this.rendered.get(node, () => {
            const text = this.documentationProvider.getDocumentation(node);
            const documentation: MarkupContent | undefined = text ? { kind: 'markdown', value: text } : undefined;
            if (!isSubstance(node)) return { documentation };
            const strength = concentrationOf(node);
            const detail = [classesOf(node).map(c => c.name).join(', '), strength && `${formatNumber(strength.perMl)} ${strength.dimension === 'mass' ? 'mg/mL' : 'IU/mL'}`]
                .filter(Boolean).join(' · ');
            return { documentation, detail: detail || node.title };
        });
    }

    protected override completionFor(context: CompletionContext, next: NextFeature, acceptor: CompletionAcceptor): ReturnType<DefaultCompletionProvider['completionFor']> {
        const rule = AstUtils.getContainerOfType(next.feature, GrammarAST.isParserRule);
        if (rule?.name === 'Unit' || rule?.name === 'UnitName') {
            for (const unit of this.unitsFor(context)) {
                acceptor(context, { label: unit, kind: CompletionItemKind.Unit, detail: 'unit', sortText: '0' });
            }
            return;
        }
        return super.completionFor(context, next, acceptor);
    }

    private unitsFor(context: CompletionContext): string[] {
        const node = context.node;
        if (isQuantity(node)) {
            // `area chin 25 |`: the number may be the size or the spacing until a unit decides.
            const container = node.$container;
            if (isAreaClause(container) && node.$containerProperty === 'spacing' && !container.size) return [...unitSpellings('area'), ...unitSpellings('length')];
            const slot = slotOf(node.$container, node.$containerProperty);
            if (slot) return slot.dims.flatMap(d => unitSpellings(d));
        }
        if (node) {
            const limit = AstUtils.getContainerOfType(node, isLimit);
            if (limit) {
                const dimension = limitDimension[limit.metric];
                return dimension ? unitSpellings(dimension) : [];
            }
            // In a technique a number starts `<volume> per point` (counts take no unit).
            if (isTechnique(node)) return unitSpellings('volume');
            const slot = slotOf(node, undefined);
            if (slot) return slot.dims.flatMap(d => unitSpellings(d));
        }
        return unitSpellings();
    }

    protected override createReferenceCompletionItem(description: AstNodeDescription, refInfo: ReferenceInfo, context: CompletionContext): CompletionValueItem {
        const item = super.createReferenceCompletionItem(description, refInfo, context);
        const node = description.node;
        if (!isSubstance(node)) return item;
        const detail = this.renderedFor(node).detail;
        if (description.name !== node.name) {
            // An alias: found by its own spelling, inserts the canonical name.
            return { ...item, label: description.name, insertText: node.name, filterText: description.name, detail: `${node.name} (alias)${detail ? ` · ${detail}` : ''}`, sortText: `1${description.name}` };
        }
        return { ...item, detail, sortText: `0${description.name}` };
    }
}
