// A real language server (out/server.cjs over stdio) on a temporary copy of examples/, for the
// resilience tests. Needs `npm run build` first (`npm test` builds before running vitest).
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-types';
import { LspClient, type LspError } from '../../scripts/lib/lsp-client.mjs';

export const repo = join(import.meta.dirname, '..', '..');
export const serverPath = join(repo, 'out', 'server.cjs');
export const cliPath = join(repo, 'out', 'cli.cjs');

/** Every request of these tests fails the test if it is not answered within this time. */
export const REQUEST_TIMEOUT_MS = 60_000;

/** JSON-RPC / LSP error codes the tests expect. */
export const ErrorCodes = {
    InvalidParams: -32602,
    MethodNotFound: -32601,
    InternalError: -32603,
    ServerCancelled: -32802,
    ContentModified: -32801,
    RequestCancelled: -32800
} as const;

export interface Session {
    client: LspClient;
    /** The temporary workspace folder (a copy of examples/). */
    dir: string;
    uriOf(file: string): string;
    /** The workspace-relative path of a file: URI. */
    fileOf(uri: string): string;
    /** Opens a workspace file with its text on disk; returns its uri and text. */
    open(file: string): { uri: string; text: string };
    /** The last diagnostics published for a uri ([] if none yet). */
    published(uri: string): Diagnostic[];
    close(): Promise<void>;
}

/**
 * Starts the server on a fresh copy of examples/ (or of `from`), after `prepare` had its say on
 * the folder, and initializes it with that folder.
 */
export async function startSession(from = join(repo, 'examples'), prepare?: (dir: string) => void, initialize: Record<string, unknown> = {}): Promise<Session> {
    if (!existsSync(serverPath)) throw new Error(`${serverPath} is missing: run \`npm run build\` first.`);
    const dir = mkdtempSync(join(tmpdir(), 'meso-lsp-'));
    cpSync(from, dir, { recursive: true });
    prepare?.(dir);
    const client = new LspClient(serverPath, { cwd: dir });
    const uriOf = (file: string) => pathToFileURL(join(dir, file)).href;
    await client.initialize(uriOf('.').replace(/\/?$/, ''), 'resilience', initialize);
    return {
        client, dir, uriOf,
        fileOf: uri => relative(dir, fileURLToPath(uri)).split('\\').join('/'),
        open(file) {
            const uri = uriOf(file);
            const text = readFileSync(join(dir, file), 'utf8');
            client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'meso', version: 1, text } });
            return { uri, text };
        },
        published: uri => (client.published.get(uri)?.diagnostics ?? []) as Diagnostic[],
        async close() {
            await client.shutdown();
            rmSync(dir, { recursive: true, force: true });
        }
    };
}

/** The outcome of a request: its result, or the error code (a timeout rejects: it fails the test). */
export type Outcome = { result: unknown } | { code: number; message: string };

export async function outcome(response: Promise<{ result: unknown }>): Promise<Outcome> {
    try {
        return { result: (await response).result };
    } catch (e) {
        const error = e as LspError;
        if (error.code === undefined) throw error;
        return { code: error.code, message: error.message };
    }
}

/**
 * An error the connection should have sent as an error but serialized as a result
 * (`{ "code": -32800 }`): what a duplicated vscode-jsonrpc in the bundle produced.
 */
export function looksLikeError(result: unknown): boolean {
    return typeof result === 'object' && result !== null && !Array.isArray(result)
        && typeof (result as { code?: unknown }).code === 'number' && Object.keys(result).every(k => k === 'code' || k === 'message' || k === 'data');
}

/** The resident set size of a process in MB (Linux /proc), undefined elsewhere. */
export function rssMB(pid: number | undefined): number | undefined {
    const file = `/proc/${pid}/status`;
    if (pid === undefined || !existsSync(file)) return undefined;
    const m = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(file, 'utf8'));
    return m ? Number(m[1]) / 1024 : undefined;
}
