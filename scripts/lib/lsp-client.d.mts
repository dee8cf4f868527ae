// Types of lsp-client.mjs, for the TypeScript tests that drive the server with it.
import type { ChildProcess } from 'node:child_process';

/** A response: the result and when it arrived (performance.now()), `ms` the round trip. */
export interface LspResponse<T = unknown> {
    result: T;
    at: number;
    ms: number;
}

/** What a failed request rejects with: the JSON-RPC error's code and data, or a timeout (no code). */
export interface LspError extends Error {
    code?: number;
    data?: unknown;
}

export interface PublishedEntry {
    count: number;
    last: number;
    diagnostics: unknown[];
}

export class LspClient {
    constructor(serverPath: string, options?: { cwd?: string; nodeArgs?: string[]; stderr?: boolean });
    readonly child: ChildProcess;
    readonly pid: number | undefined;
    readonly spawnedAt: number;
    readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
    readonly published: Map<string, PublishedEntry>;
    readonly stderrText: string;
    readonly logs: Array<{ type: number; message: string }>;
    readonly badFrames: string[];
    send(message: unknown): void;
    sendRaw(body: string): void;
    request<T = unknown>(method: string, params: unknown, timeoutMs?: number): Promise<LspResponse<T>>;
    start<T = unknown>(method: string, params: unknown, timeoutMs?: number): { id: number; response: Promise<LspResponse<T>> };
    cancel(id: number): void;
    notify(method: string, params: unknown): void;
    nextDiagnostics(uri: string, timeoutMs?: number): Promise<{ at: number; diagnostics: unknown[] }>;
    settle(quietMs: number, predicate?: () => boolean, timeoutMs?: number): Promise<number>;
    initialize(rootUri: string, name?: string, extra?: Record<string, unknown>): Promise<LspResponse>;
    shutdown(): Promise<void>;
}
