import { ErrorCodes, type Message, type MessageStrategy, type MessageWriter, type RequestMessage } from 'vscode-languageserver/node';

/**
 * What the LSP lifecycle and parameter rules require of every incoming message, before any
 * handler sees it (vscode-languageserver leaves these to the server):
 * - before `initialize`, a request is answered with ServerNotInitialized (-32002) and a
 *   notification dropped (`exit` aside); vscode-languageserver held them and answered later;
 * - after `shutdown`, a request is InvalidRequest (-32600); it used to get a result;
 * - a request whose params do not have the shape its method requires (a `textDocument` with a
 *   string `uri`, a position of two unsigned integers, ...) is InvalidParams (-32602), where
 *   the handlers threw TypeErrors answered as InternalError (-32603).
 */
export class MessageGate implements MessageStrategy {
    private state: 'new' | 'initializing' | 'running' | 'shut down' = 'new';

    constructor(private readonly writer: MessageWriter) {}

    /** True once `shutdown` was received. */
    get shutDown(): boolean {
        return this.state === 'shut down';
    }

    handleMessage(message: Message, next: (message: Message) => void): void {
        const request = message as Partial<RequestMessage>;
        if (typeof request.method !== 'string') return next(message); // a response
        const isRequest = request.id !== undefined && request.id !== null;
        if (request.method === 'exit') return next(message);
        if (this.state === 'new' && request.method !== 'initialize') {
            if (isRequest) this.refuse(request, ErrorCodes.ServerNotInitialized, `The server is not initialized: '${request.method}' before 'initialize'.`);
            return;
        }
        if (this.state === 'shut down') {
            if (isRequest) this.refuse(request, ErrorCodes.InvalidRequest, `The server is shut down: '${request.method}' after 'shutdown'.`);
            return;
        }
        if (request.method === 'initialize') {
            if (this.state !== 'new') {
                if (isRequest) this.refuse(request, ErrorCodes.InvalidRequest, 'The server is already initialized.');
                return;
            }
            this.state = 'initializing';
        } else if (request.method === 'initialized') {
            this.state = 'running';
        } else if (request.method === 'shutdown') {
            this.state = 'shut down';
        }
        if (isRequest) {
            const problem = paramsProblem(request.method, request.params);
            if (problem) return this.refuse(request, ErrorCodes.InvalidParams, `Invalid params for ${request.method}: ${problem}.`);
        }
        return next(message);
    }

    private refuse(request: Partial<RequestMessage>, code: number, message: string): void {
        void this.writer.write({ jsonrpc: '2.0', id: request.id!, error: { code, message } } as Message);
    }
}

type Check = (value: unknown) => string | undefined;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const uinteger = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 2 ** 31 - 1;

const textDocument: Check = v => isObject(v) && typeof v.uri === 'string' ? undefined : '`textDocument` must be { uri: string }';
const position: Check = v => isObject(v) && uinteger(v.line) && uinteger(v.character) ? undefined : '`position` must be { line, character } of unsigned integers';
const range: Check = v => isObject(v) && !position(v.start) && !position(v.end) ? undefined : '`range` must be { start, end } positions';
const formattingOptions: Check = v => isObject(v) && uinteger(v.tabSize) && typeof v.insertSpaces === 'boolean' ? undefined : '`options` must hold tabSize (unsigned integer) and insertSpaces (boolean)';
const string = (name: string): Check => v => typeof v === 'string' ? undefined : `\`${name}\` must be a string`;

/** The fields each request must have, with their checks. */
const SHAPES: Record<string, Record<string, Check>> = {};
const define = (methods: string[], shape: Record<string, Check>) => { for (const m of methods) SHAPES[m] = shape; };
define(['textDocument/documentSymbol', 'textDocument/foldingRange', 'textDocument/codeLens', 'textDocument/documentLink', 'textDocument/semanticTokens/full'], { textDocument });
define(['textDocument/semanticTokens/full/delta'], { textDocument, previousResultId: string('previousResultId') });
define(['textDocument/completion', 'textDocument/hover', 'textDocument/definition', 'textDocument/declaration', 'textDocument/typeDefinition',
    'textDocument/implementation', 'textDocument/documentHighlight', 'textDocument/prepareRename', 'textDocument/signatureHelp',
    'textDocument/prepareCallHierarchy', 'textDocument/prepareTypeHierarchy'], { textDocument, position });
define(['textDocument/references'], { textDocument, position, context: v => isObject(v) && typeof v.includeDeclaration === 'boolean' ? undefined : '`context` must be { includeDeclaration: boolean }' });
define(['textDocument/rename'], { textDocument, position, newName: string('newName') });
define(['textDocument/formatting'], { textDocument, options: formattingOptions });
define(['textDocument/rangeFormatting'], { textDocument, range, options: formattingOptions });
define(['textDocument/onTypeFormatting'], { textDocument, position, ch: string('ch'), options: formattingOptions });
define(['textDocument/semanticTokens/range', 'textDocument/inlayHint'], { textDocument, range });
define(['textDocument/codeAction'], { textDocument, range, context: v => isObject(v) && Array.isArray(v.diagnostics) ? undefined : '`context` must hold a diagnostics array' });
define(['workspace/executeCommand'], { command: string('command'), arguments: v => v === undefined || Array.isArray(v) ? undefined : '`arguments` must be an array' });
define(['workspace/symbol'], { query: string('query') });
define(['workspace/willRenameFiles'], { files: v => Array.isArray(v) && v.every(f => isObject(f) && typeof f.oldUri === 'string' && typeof f.newUri === 'string') ? undefined : '`files` must be [{ oldUri, newUri }]' });

/** Why `params` do not fit `method`, or undefined when they do (or the method is not checked here). */
export function paramsProblem(method: string, params: unknown): string | undefined {
    const shape = SHAPES[method];
    if (!shape) return undefined;
    if (!isObject(params)) return `params must be an object, got ${params === undefined ? 'none' : JSON.stringify(params)?.slice(0, 60)}`;
    for (const [field, check] of Object.entries(shape)) {
        const problem = check(params[field]);
        if (problem) return problem;
    }
    return undefined;
}
