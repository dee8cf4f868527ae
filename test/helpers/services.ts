import { EmptyFileSystem, TextDocument, URI, type LangiumDocument } from 'langium';
import { clearDocuments } from 'langium/test';
import type { Diagnostic } from 'vscode-languageserver-types';
import { isModel, type Model } from '../../src/language/generated/ast.js';
import { createMesoServices, type MesoLspServices } from '../../src/language/lsp/lsp-module.js';
import type { MesoServices } from '../../src/language/meso-module.js';
import { addStdDocuments, isStdUri } from '../../src/language/std/std-library.js';
import { Severity } from '../../src/language/validation/severity.js';

/** One set of services for a test file; documents are cleared between tests with `reset`. */
export function createTestServices(): MesoLspServices {
    const { shared, Meso } = createMesoServices(EmptyFileSystem);
    addStdDocuments(shared);
    return Meso;
}

/** Removes every document but the std library. */
export async function reset(services: MesoServices): Promise<void> {
    await clearDocuments(services.shared);
    addStdDocuments(services.shared);
}

/**
 * Builds in-memory files (`{ 'a.meso': text }`, under file:///ws/) with the std library and
 * returns their documents by file name.
 */
export async function buildFiles(services: MesoServices, files: Record<string, string>): Promise<Record<string, LangiumDocument<Model>>> {
    const shared = services.shared;
    const docs: Record<string, LangiumDocument<Model>> = {};
    for (const [name, text] of Object.entries(files)) {
        const doc = shared.workspace.LangiumDocumentFactory.fromString<Model>(text, URI.parse(`file:///ws/${name}`));
        shared.workspace.LangiumDocuments.addDocument(doc);
        docs[name] = doc;
    }
    const std = shared.workspace.LangiumDocuments.all.filter(d => isStdUri(d.uri)).toArray();
    await shared.workspace.DocumentBuilder.build([...std, ...Object.values(docs)], { validation: true });
    return docs;
}

/**
 * Gives a document new text and rebuilds, the way the language server does on an edit: the
 * text goes to the open documents (next version), then `DocumentBuilder.update`.
 */
export async function editDocument(services: MesoLspServices, uri: URI, text: string): Promise<void> {
    const textDocuments = services.shared.workspace.TextDocuments!;
    const version = (textDocuments.get(uri.toString())?.version ?? 0) + 1;
    textDocuments.set(TextDocument.create(uri.toString(), 'meso', version, text));
    await services.shared.workspace.DocumentBuilder.update([uri], []);
}

/** Builds one file and returns its document. */
export async function buildFile(services: MesoServices, text: string, name = 'main.meso'): Promise<LangiumDocument<Model>> {
    return (await buildFiles(services, { [name]: text }))[name];
}

export function codes(doc: LangiumDocument): string[] {
    return (doc.diagnostics ?? []).map(d => String(d.code ?? (d.data as { code?: string })?.code));
}

export function errors(doc: LangiumDocument): Diagnostic[] {
    return (doc.diagnostics ?? []).filter(d => d.severity === Severity.Error);
}

/** A readable list of diagnostics for assertion messages. */
export function describeDiagnostics(doc: LangiumDocument): string {
    return (doc.diagnostics ?? []).map(d => `${d.range.start.line + 1}:${d.range.start.character + 1} ${String(d.code ?? (d.data as { code?: string })?.code)} ${d.message}`).join('\n');
}

export function model(doc: LangiumDocument): Model {
    const root = doc.parseResult.value;
    if (!isModel(root)) throw new Error('not a model');
    return root;
}

/**
 * A small protocol with one overdose: `piroxicam 2 mL` (40 mg) against std's 20 mg cap,
 * on line 5, columns 27–31 (1-based). Shared by the CLI, compile, editor and e2e tests.
 */
export const OVERDOSE_PROTOCOL = `protocol p {
    indication pain
    patients from 60 kg
    skin test 2 days before first session
    mixture m { piroxicam 2 mL }
    session s { inject m }
    schedule { phase a: 1 session of s every 7 days }
}
`;
