// Issue #20: a document of 200,000 lexer errors published no diagnostics within 60 s. For 10,000,
// 50,000 and 200,000 characters the lexer refuses, the time from didOpen to the document's
// diagnostics through the real server (which publishes at most 1,000 of them and one counting
// the rest), and the growth exponent fitted to those times.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { LspClient } from '../lib/lsp-client.mjs';
import { growthExponent } from './graph-bench.mjs';
import { log, summarize } from './util.mjs';

export const LEXER_ERROR_SIZES = [10_000, 50_000, 200_000];

export async function benchLexerErrors({ serverPath, sizes = LEXER_ERROR_SIZES }) {
    const dir = mkdtempSync(path.join(tmpdir(), 'meso-bench-lexer-'));
    const times = [];
    const published = [];
    try {
        for (const n of sizes) {
            const client = new LspClient(serverPath, { cwd: dir });
            try {
                await client.initialize(pathToFileURL(dir).toString(), 'lexer');
                const uri = pathToFileURL(path.join(dir, `errors-${n}.meso`)).toString();
                const first = client.nextDiagnostics(uri, 120000);
                const start = performance.now();
                client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'meso', version: 1, text: `class a\n${'§ '.repeat(n)}\n` } });
                const { at, diagnostics } = await first;
                times.push(at - start);
                published.push(diagnostics.length);
                log(`lexer errors: ${n} → ${diagnostics.length} diagnostics published in ${Math.round(at - start)} ms`);
            } finally {
                await client.shutdown();
            }
        }
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
    return {
        largest: summarize([times[times.length - 1]], 'ms', { errors: sizes[sizes.length - 1], published: published[published.length - 1] }),
        bySize: sizes.map((n, i) => ({ errors: n, ms: Math.round(times[i]), published: published[i] })),
        exponent: growthExponent(sizes, times)
    };
}
