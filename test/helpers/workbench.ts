import { TextDocument, URI, type LangiumDocument } from 'langium';
import type { Connection } from 'vscode-languageserver';
import type { Diagnostic } from 'vscode-languageserver-types';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { compileDocument } from '../../src/compiler/compile-document.js';
import schema from '../../src/compiler/meso-schema.json' with { type: 'json' };
import { isPatient, isProtocol, type Model } from '../../src/language/generated/ast.js';
import type { CompileResult } from '../../src/language/lsp/meso-protocol.js';
import { codeOf } from '../../src/language/validation/report.js';
import { registerCompileHandler } from '../../src/server/meso-requests.js';
import { Severity } from '../../src/language/validation/severity.js';
import { createTestServices } from './services.js';
import { importedFiles } from './corpus.js';

const FORMAT_OPTIONS = { tabSize: 4, insertSpaces: true };

/** Validates one compiled document against the shipped JSON Schema (draft 2020-12). */
export const validateJson = (() => {
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    (addFormats as unknown as (a: Ajv2020) => void)(ajv);
    return ajv.compile(schema);
})();

/** Langium turns an exception in a check or a reference lookup into a diagnostic starting so. */
function isInternalError(d: Diagnostic): boolean {
    const message = typeof d.message === 'string' ? d.message : d.message.value;
    return message.startsWith('An error occurred');
}

/**
 * One set of Meso services with the std library and the imported corpus files loaded once;
 * documents under test are built beside them and removed afterwards. Every method throws
 * (with what failed) when a layer of the tool throws or reports an internal error.
 */
export class Workbench {
    readonly services = createTestServices();
    private counter = 0;
    private ready?: Promise<void>;
    private compileRequest?: (params: { uri: string }) => Promise<CompileResult>;

    private get shared() {
        return this.services.shared;
    }

    private async load(): Promise<void> {
        const workspace = this.shared.workspace;
        const docs = importedFiles.map(f => {
            const doc = workspace.LangiumDocumentFactory.fromString(f.text, URI.parse(`file:///ws/${f.path}`));
            workspace.LangiumDocuments.addDocument(doc);
            return doc;
        });
        await workspace.DocumentBuilder.build([...workspace.LangiumDocuments.all.toArray(), ...docs], { validation: true });
    }

    /**
     * Builds `text` as a file in `folder` (relative to the workspace), runs `fn` on it, then
     * removes it. The file gets a fresh name unless `name` is given.
     */
    async with<T>(text: string, folder: string, fn: (doc: LangiumDocument<Model>) => Promise<T>, name = `prop-${this.counter++}.meso`): Promise<T> {
        return this.withFiles([{ name, text }], folder, docs => fn(docs[0]));
    }

    /** Fresh, unique file names for `withFiles` (so that one text can import another by name). */
    freshName(): string {
        return `prop-${this.counter++}.meso`;
    }

    /** Builds several files together in `folder`, runs `fn` on their documents (in order), then removes them. */
    async withFiles<T>(files: Array<{ name: string; text: string }>, folder: string, fn: (docs: Array<LangiumDocument<Model>>) => Promise<T>): Promise<T> {
        await (this.ready ??= this.load());
        const workspace = this.shared.workspace;
        const docs = files.map(f => {
            const doc = workspace.LangiumDocumentFactory.fromString<Model>(f.text, URI.parse(`file:///ws/${folder ? folder + '/' : ''}${f.name}`));
            workspace.LangiumDocuments.addDocument(doc);
            return doc;
        });
        // Langium logs each exception it turns into a diagnostic; the diagnostic itself fails the property.
        const log = console.error;
        console.error = () => undefined;
        try {
            await workspace.DocumentBuilder.build(docs, { validation: true });
            return await fn(docs);
        } finally {
            console.error = log;
            await workspace.DocumentBuilder.update([], docs.map(d => d.uri));
        }
    }

    /** Parser, linker and validator: no diagnostic may report an exception. */
    checkDiagnostics(doc: LangiumDocument): void {
        const internal = (doc.diagnostics ?? []).filter(isInternalError);
        if (internal.length > 0) throw new Error(`internal error diagnostics: ${internal.map(d => d.message).join(' | ')}`);
    }

    /** The semantics service on every protocol and patient plan of the document. */
    runSemantics(doc: LangiumDocument<Model>): void {
        const semantics = this.services.semantics.Semantics;
        for (const element of doc.parseResult.value.elements ?? []) {
            if (isProtocol(element)) semantics.protocol(element);
            if (isPatient(element)) semantics.patient(element);
        }
    }

    /** The compiler on the document, whatever its diagnostics (callers gate; the compiler must not crash). */
    compile(doc: LangiumDocument): string[] {
        const diagnosticsOf = (uri: string) => this.shared.workspace.LangiumDocuments.getDocument(URI.parse(uri))?.diagnostics ?? [];
        return compileDocument(this.services, doc, diagnosticsOf).map(o => o.text);
    }

    /** The editor's compile request (`meso/compile`): the gate that refuses documents with errors. */
    async compileRequestFor(doc: LangiumDocument): Promise<CompileResult> {
        if (!this.compileRequest) {
            let handler: ((params: { uri: string }) => Promise<CompileResult>) | undefined;
            const connection = { onRequest: (_: string, h: typeof handler) => { handler = h; } } as unknown as Connection;
            registerCompileHandler(connection, this.services);
            this.compileRequest = handler!;
        }
        return this.compileRequest({ uri: doc.uri.toString() });
    }

    /** The LSP formatter on the whole document; returns the formatted text. */
    async format(doc: LangiumDocument): Promise<string> {
        const edits = await this.services.lsp.Formatter!.formatDocument(doc, { textDocument: { uri: doc.uri.toString() }, options: FORMAT_OPTIONS });
        return TextDocument.applyEdits(doc.textDocument, edits);
    }

    /** Hover and completion at `offset`. */
    async hoverAndComplete(doc: LangiumDocument, offset: number): Promise<void> {
        const position = doc.textDocument.positionAt(offset);
        const textDocument = { uri: doc.uri.toString() };
        await this.services.lsp.HoverProvider!.getHoverContent(doc, { textDocument, position });
        await this.services.lsp.CompletionProvider!.getCompletion(doc, { textDocument, position });
    }

    /** Inlay hints, code lenses, code actions, symbols and semantic tokens over the whole document. */
    async wholeDocumentFeatures(doc: LangiumDocument): Promise<void> {
        const lsp = this.services.lsp;
        const textDocument = { uri: doc.uri.toString() };
        const range = { start: { line: 0, character: 0 }, end: doc.textDocument.positionAt(doc.textDocument.getText().length) };
        await lsp.InlayHintProvider!.getInlayHints(doc, { textDocument, range });
        await lsp.CodeLensProvider!.provideCodeLens(doc, { textDocument });
        await lsp.CodeActionProvider!.getCodeActions(doc, { textDocument, range, context: { diagnostics: doc.diagnostics ?? [] } });
        await lsp.DocumentSymbolProvider!.getSymbols(doc, { textDocument });
        await lsp.SemanticTokenProvider!.semanticHighlight(doc, { textDocument });
    }

    /**
     * Every layer on one document: diagnostics free of internal errors, semantics, compiler,
     * formatter. Throws on the first failure.
     */
    async everyLayer(doc: LangiumDocument<Model>): Promise<void> {
        this.checkDiagnostics(doc);
        this.runSemantics(doc);
        this.compile(doc);
        await this.format(doc);
    }
}

/** Lexer or parser errors: the document does not parse. */
export function parses(doc: LangiumDocument): boolean {
    return doc.parseResult.lexerErrors.length === 0 && doc.parseResult.parserErrors.length === 0;
}

/** Error-severity diagnostics of a document. */
export function hasErrors(doc: LangiumDocument): boolean {
    return (doc.diagnostics ?? []).some(d => d.severity === Severity.Error);
}

/** Diagnostic codes, sorted, for comparing two versions of a text. */
export function codesOf(doc: LangiumDocument): string[] {
    return (doc.diagnostics ?? []).map(d => codeOf(d)).sort();
}
