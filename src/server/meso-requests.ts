import { URI, DocumentState, type LangiumDocument } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import { ErrorCodes, ResponseError, type Connection } from 'vscode-languageserver';
import { compileDocument } from '../compiler/compile-document.js';
import { isModel, isProtocol } from '../language/generated/ast.js';
import type { MesoLspServices } from '../language/lsp/lsp-module.js';
import { MesoRequests, type CompileParams, type CompileResult, type PreviewModel, type PreviewParams } from '../language/lsp/meso-protocol.js';
import { buildPreviewModel } from '../language/lsp/preview-model.js';
import { Severity } from '../language/validation/severity.js';

/**
 * The `uri` of a request's params, or an InvalidParams error naming what was expected: a client
 * sending `{}` or `null` gets told so, instead of a TypeError or a reply about `undefined`.
 */
function uriParam(method: string, params: unknown): string {
    const uri = (params as { uri?: unknown } | null | undefined)?.uri;
    if (typeof params !== 'object' || params === null || typeof uri !== 'string') {
        throw new ResponseError(ErrorCodes.InvalidParams, `${method} expects params { uri: string }, got ${JSON.stringify(params) ?? 'nothing'}.`);
    }
    return uri;
}

/** The document at `uri` once validated, or undefined when the server does not hold it. */
export async function validatedDocument(shared: LangiumSharedServices, uri: string): Promise<LangiumDocument | undefined> {
    const parsed = URI.parse(uri);
    if (!shared.workspace.LangiumDocuments.hasDocument(parsed)) return undefined;
    await shared.workspace.DocumentBuilder.waitUntil(DocumentState.Validated, parsed);
    return shared.workspace.LangiumDocuments.getDocument(parsed);
}

/** The documents a document depends on (itself and its imports), for the error gate. */
function errorsBlocking(services: MesoLspServices, document: LangiumDocument): string[] {
    const documents = services.shared.workspace.LangiumDocuments;
    const errors: string[] = [];
    for (const uri of services.scoping.Imports.visibleUris(document.parseResult.value)) {
        const doc = documents.getDocument(URI.parse(uri));
        for (const d of doc?.diagnostics ?? []) {
            if (d.severity === Severity.Error) errors.push(`${doc!.uri.path.split('/').pop()}:${d.range.start.line + 1}:${d.range.start.character + 1} ${String(d.code ?? '')}: ${d.message}`);
        }
    }
    return errors;
}

/** The JSON of every protocol and plan of a validated document, or the errors that forbid it. */
export function compileOrErrors(services: MesoLspServices, document: LangiumDocument): CompileResult {
    const errors = errorsBlocking(services, document);
    if (errors.length > 0) return { documents: [], errors };
    const diagnosticsOf = (uri: string) => services.shared.workspace.LangiumDocuments.getDocument(URI.parse(uri))?.diagnostics ?? [];
    return { documents: compileDocument(services, document, diagnosticsOf).map(o => ({ fileName: o.fileName, text: o.text })), errors: [] };
}

/** The preview model of a protocol of the document at `uri` (the first by default), or null. */
export async function previewModelOf(services: MesoLspServices, uri: string, protocolName?: string): Promise<PreviewModel | null> {
    const document = await validatedDocument(services.shared, uri);
    const root = document?.parseResult.value;
    if (!document || !isModel(root)) return null;
    const protocol = root.elements.filter(isProtocol).find(p => !protocolName || p.name === protocolName);
    if (!protocol) return null;
    return buildPreviewModel(protocol, services.semantics.Semantics.protocol(protocol), document.diagnostics ?? []);
}

/** `meso/compile`: the JSON of every protocol and plan of a document, or the errors that forbid it. */
export function registerCompileHandler(connection: Connection, services: MesoLspServices): void {
    connection.onRequest(MesoRequests.Compile, async (params: CompileParams): Promise<CompileResult> => {
        const uri = uriParam(MesoRequests.Compile, params);
        const document = await validatedDocument(services.shared, uri);
        if (!document) return { documents: [], errors: [`${uri} is not a loaded .meso document.`] };
        return compileOrErrors(services, document);
    });
}

/** `meso/preview`: the preview model of a protocol (the first of the document by default). */
export function registerPreviewHandler(connection: Connection, services: MesoLspServices): void {
    connection.onRequest(MesoRequests.Preview, async (params: PreviewParams): Promise<PreviewModel | null> =>
        previewModelOf(services, uriParam(MesoRequests.Preview, params), params.protocol));
}
