// Checks JSON values against the LSP types of vscode-languageserver-protocol with the TypeScript
// compiler: each value becomes `const v: <type> = <json>;` in one virtual file, compiled with
// `strict` (object literals get excess-property checks, enums are literal unions). What tsc
// reports is what does not conform, named by the value's label.
import { join } from 'node:path';
import ts from 'typescript';

const repo = join(import.meta.dirname, '..', '..');

/** The result type of each request, by method, as named in vscode-languageserver-protocol. */
export const REQUEST_TYPES: Record<string, string> = {
    'initialize': 'InitializeRequest',
    'shutdown': 'ShutdownRequest',
    'textDocument/completion': 'CompletionRequest',
    'textDocument/hover': 'HoverRequest',
    'textDocument/definition': 'DefinitionRequest',
    'textDocument/references': 'ReferencesRequest',
    'textDocument/documentHighlight': 'DocumentHighlightRequest',
    'textDocument/documentSymbol': 'DocumentSymbolRequest',
    'textDocument/codeAction': 'CodeActionRequest',
    'textDocument/codeLens': 'CodeLensRequest',
    'textDocument/documentLink': 'DocumentLinkRequest',
    'textDocument/formatting': 'DocumentFormattingRequest',
    'textDocument/rangeFormatting': 'DocumentRangeFormattingRequest',
    'textDocument/prepareRename': 'PrepareRenameRequest',
    'textDocument/rename': 'RenameRequest',
    'textDocument/foldingRange': 'FoldingRangeRequest',
    'textDocument/semanticTokens/full': 'SemanticTokensRequest',
    'textDocument/semanticTokens/range': 'SemanticTokensRangeRequest',
    'textDocument/inlayHint': 'InlayHintRequest',
    'workspace/symbol': 'WorkspaceSymbolRequest',
    'workspace/executeCommand': 'ExecuteCommandRequest',
    'workspace/willRenameFiles': 'WillRenameFilesRequest'
};

/** The params type of each message the server sends, by method. */
export const SERVER_MESSAGE_TYPES: Record<string, string> = {
    'textDocument/publishDiagnostics': 'P.PublishDiagnosticsParams',
    'window/logMessage': 'P.LogMessageParams',
    'window/showMessage': 'P.ShowMessageParams',
    'client/registerCapability': 'P.RegistrationParams',
    'client/unregisterCapability': 'P.UnregistrationParams',
    'workspace/configuration': 'P.ConfigurationParams',
    'window/workDoneProgress/create': 'P.WorkDoneProgressCreateParams',
    '$/progress': 'P.ProgressParams<unknown>'
};

export interface Typed {
    /** Shown in the errors: which message it was. */
    readonly label: string;
    /** A TypeScript type over `P` (the protocol module) and `ResultOf<...>`. */
    readonly type: string;
    readonly value: unknown;
}

/** The result type of a request method (throws for a method not in the table). */
export function resultType(method: string): string {
    const name = REQUEST_TYPES[method];
    if (!name) throw new Error(`no LSP type known for ${method}`);
    return `ResultOf<typeof P.${name}.type>`;
}

/** Type-checks every value (each distinct type and value once); returns one line per error: `label: message`. */
export function typeCheck(all: Typed[]): string[] {
    const seen = new Set<string>();
    const values = all.filter(v => {
        const key = `${v.type}\u0000${JSON.stringify(v.value)}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
    });
    const file = join(repo, 'test', 'helpers', '__lsp_type_check__.ts');
    const lines = [
        "import type * as P from 'vscode-languageserver-protocol';",
        'type ResultOf<T> = T extends P.ProtocolRequestType<any, infer R, any, any, any> ? R : T extends P.ProtocolRequestType0<infer R, any, any, any> ? R : never;',
        ...values.map((v, i) => `// ${v.label.replace(/\n/g, ' ')}\nexport const v${i}: ${v.type} = ${JSON.stringify(v.value) ?? 'undefined'};`)
    ];
    const text = lines.join('\n');
    const options: ts.CompilerOptions = {
        strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext,
        skipLibCheck: true, types: []
    };
    const host = ts.createCompilerHost(options);
    const getSourceFile = host.getSourceFile.bind(host);
    host.getSourceFile = (name, language, onError) => name === file ? ts.createSourceFile(name, text, language) : getSourceFile(name, language, onError);
    const fileExists = host.fileExists.bind(host);
    host.fileExists = name => name === file || fileExists(name);
    const program = ts.createProgram([file], options, host);
    const source = program.getSourceFile(file)!;
    return ts.getPreEmitDiagnostics(program, source).map(d => {
        const line = d.start !== undefined ? source.getLineAndCharacterOfPosition(d.start).line : -1;
        const declaration = text.split('\n')[line] ?? '';
        const index = /^export const v(\d+)/.exec(declaration)?.[1];
        const label = index !== undefined ? values[Number(index)].label : `line ${line}`;
        return `${label}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ').slice(0, 600)}`;
    });
}
