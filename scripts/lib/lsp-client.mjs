// A minimal LSP client over stdio (JSON-RPC 2.0 with Content-Length framing), enough to
// drive the Meso language server the way an editor does and time what it answers. Used by
// `npm run bench` (scripts/bench/lsp-bench.mjs) and by the resilience test
// (test/server/resilience.test.ts); its types are in lsp-client.d.mts.
import { Buffer } from 'node:buffer';
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { clearTimeout, setTimeout } from 'node:timers';

export class LspClient {
    /**
     * Spawns `node <serverPath> --stdio`. `spawnedAt` is the performance.now() of the spawn,
     * the zero of cold-start measurements.
     */
    constructor(serverPath, { cwd, nodeArgs = [], stderr = false } = {}) {
        this.nextId = 1;
        this.pending = new Map();
        this.buffer = Buffer.alloc(0);
        this.chunks = [];
        this.chunkBytes = 0;
        /** Bytes still missing from the frame being read (0: unknown). */
        this.needed = 0;
        this.diagnosticWaiters = [];
        /** uri → { count, last: performance.now(), diagnostics } */
        this.published = new Map();
        this.stderrText = '';
        /** window/logMessage and window/showMessage the server sent: { type, message }. */
        this.logs = [];
        /** Frames from the server that were not valid JSON-RPC (should stay empty). */
        this.badFrames = [];
        this.spawnedAt = performance.now();
        this.child = spawn(process.execPath, [...nodeArgs, serverPath, '--stdio'], { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
        this.child.stdout.on('data', chunk => this.onData(chunk));
        this.child.stderr.on('data', chunk => {
            this.stderrText += chunk.toString();
            if (stderr) process.stderr.write(chunk);
        });
        this.exited = new Promise(resolve => this.child.on('exit', (code, signal) => {
            for (const { reject } of this.pending.values()) reject(new Error(`server exited (${code ?? signal})`));
            this.pending.clear();
            resolve({ code, signal });
        }));
    }

    get pid() {
        return this.child.pid;
    }

    onData(chunk) {
        // Chunks wait in a list until the frame they belong to is complete: concatenating each
        // chunk to the buffer copied a large message once per 64 KiB chunk (quadratic time).
        this.chunks.push(chunk);
        this.chunkBytes += chunk.length;
        if (this.chunkBytes < this.needed) return;
        this.buffer = Buffer.concat([this.buffer, ...this.chunks]);
        this.chunks = [];
        this.chunkBytes = 0;
        this.needed = 0;
        for (;;) {
            const headerEnd = this.buffer.indexOf('\r\n\r\n');
            if (headerEnd < 0) return;
            const header = this.buffer.subarray(0, headerEnd).toString('ascii');
            const m = /Content-Length:\s*(\d+)/i.exec(header);
            if (!m) {
                // Not a frame: keep it for the caller to report and drop the rest of the buffer.
                this.badFrames.push(this.buffer.toString('utf8'));
                this.buffer = Buffer.alloc(0);
                return;
            }
            const length = Number(m[1]);
            const start = headerEnd + 4;
            if (this.buffer.length < start + length) {
                this.needed = start + length - this.buffer.length;
                return;
            }
            const body = this.buffer.subarray(start, start + length).toString('utf8');
            this.buffer = this.buffer.subarray(start + length);
            let message;
            try {
                message = JSON.parse(body);
            } catch {
                this.badFrames.push(body);
                continue;
            }
            this.onMessage(message, performance.now());
        }
    }

    onMessage(msg, at) {
        if (msg.id !== undefined && msg.method === undefined) {
            const p = this.pending.get(msg.id);
            if (!p) return;
            this.pending.delete(msg.id);
            if (msg.error) p.reject(Object.assign(new Error(msg.error.message), { code: msg.error.code, data: msg.error.data }));
            else p.resolve({ result: msg.result, at });
            return;
        }
        if (msg.id !== undefined && msg.method !== undefined) {
            // A request from the server (workspace/configuration, client/registerCapability...).
            let result = null;
            if (msg.method === 'workspace/configuration') result = (msg.params?.items ?? []).map(() => null);
            this.send({ jsonrpc: '2.0', id: msg.id, result });
            return;
        }
        if (msg.method === 'window/logMessage' || msg.method === 'window/showMessage') {
            this.logs.push({ type: msg.params?.type, message: String(msg.params?.message) });
            return;
        }
        if (msg.method === 'textDocument/publishDiagnostics') {
            const { uri, diagnostics } = msg.params;
            const entry = this.published.get(uri) ?? { count: 0 };
            entry.count++;
            entry.last = at;
            entry.diagnostics = diagnostics;
            this.published.set(uri, entry);
            const waiting = this.diagnosticWaiters;
            this.diagnosticWaiters = [];
            for (const w of waiting) {
                if (w.uri === uri) w.resolve({ at, diagnostics });
                else this.diagnosticWaiters.push(w);
            }
        }
    }

    send(message) {
        this.sendRaw(JSON.stringify(message));
    }

    /** Sends `body` in one Content-Length frame as it is (it need not be JSON). */
    sendRaw(body) {
        const bytes = Buffer.from(body, 'utf8');
        this.child.stdin.write(`Content-Length: ${bytes.length}\r\n\r\n`);
        this.child.stdin.write(bytes);
    }

    /** Sends a request; resolves with { result, at, ms } (ms: round trip). */
    request(method, params, timeoutMs = 120000) {
        return this.start(method, params, timeoutMs).response;
    }

    /**
     * Sends a request and returns its id at once (to cancel it) with the promise of its
     * response: { result, at, ms }, or a rejection with the error's `code` and `data`.
     */
    start(method, params, timeoutMs = 120000) {
        const id = this.nextId++;
        const sentAt = performance.now();
        const response = new Promise((resolve, reject) => {
            const timer = setTimeout(() => {
                this.pending.delete(id);
                reject(new Error(`${method} timed out after ${timeoutMs} ms`));
            }, timeoutMs);
            this.pending.set(id, {
                resolve: r => { clearTimeout(timer); resolve({ ...r, ms: r.at - sentAt }); },
                reject: e => { clearTimeout(timer); reject(e); }
            });
            this.send({ jsonrpc: '2.0', id, method, params });
        });
        return { id, response };
    }

    /** Asks the server to cancel request `id` ($/cancelRequest). */
    cancel(id) {
        this.notify('$/cancelRequest', { id });
    }

    notify(method, params) {
        this.send({ jsonrpc: '2.0', method, params });
    }

    /** Resolves at the next publishDiagnostics for `uri` ({ at, diagnostics }). */
    nextDiagnostics(uri, timeoutMs = 120000) {
        return new Promise((resolve, reject) => {
            const waiter = { uri, resolve: v => { clearTimeout(timer); resolve(v); } };
            const timer = setTimeout(() => {
                this.diagnosticWaiters = this.diagnosticWaiters.filter(w => w !== waiter);
                reject(new Error(`no diagnostics for ${uri} within ${timeoutMs} ms`));
            }, timeoutMs);
            this.diagnosticWaiters.push(waiter);
        });
    }

    /** Resolves once no diagnostics have arrived for `quietMs` and `predicate()` holds. */
    async settle(quietMs, predicate = () => true, timeoutMs = 300000) {
        const start = performance.now();
        for (;;) {
            const last = Math.max(0, ...[...this.published.values()].map(e => e.last));
            const now = performance.now();
            if (predicate() && now - last >= quietMs) return now;
            if (now - start > timeoutMs) throw new Error(`server did not settle within ${timeoutMs} ms`);
            await new Promise(r => setTimeout(r, 20));
        }
    }

    /** `extra` is merged into the params (such as `{ locale: 'it' }`). */
    async initialize(rootUri, name = 'bench', extra = {}) {
        const r = await this.request('initialize', {
            ...extra,
            processId: process.pid,
            clientInfo: { name: 'meso-bench' },
            rootUri,
            workspaceFolders: [{ uri: rootUri, name }],
            capabilities: {
                workspace: { workspaceFolders: true, configuration: false, didChangeWatchedFiles: { dynamicRegistration: false } },
                textDocument: {
                    synchronization: { didSave: false, dynamicRegistration: false },
                    completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
                    hover: { contentFormat: ['markdown', 'plaintext'] },
                    publishDiagnostics: { relatedInformation: true, versionSupport: false }
                }
            }
        });
        this.notify('initialized', {});
        return r;
    }

    async shutdown() {
        try {
            await this.request('shutdown', null, 10000);
            this.notify('exit', null);
        } catch {
            // the server may already be gone
        }
        const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
        await this.exited;
        clearTimeout(timer);
    }
}
