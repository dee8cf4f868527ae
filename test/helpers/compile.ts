import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMeso } from '../../src/cli/program.js';

export const root = join(import.meta.dirname, '..', '..');

/** Runs the meso CLI in-process and captures its output. */
export async function meso(args: string[], env: Record<string, string | undefined> = {}) {
    let out = '';
    let err = '';
    const code = await runMeso(args, { out: s => { out += s; }, err: s => { err += s; }, env });
    return { code, out, err };
}

export function tempDir(prefix = 'meso-'): string {
    return mkdtempSync(join(tmpdir(), prefix));
}

/** Compiles every example into a fresh folder and returns the documents by file name. */
export async function compileExamples(): Promise<Record<string, string>> {
    const dir = tempDir('meso-json-');
    // The Italian twins (examples/it/) compile to the same documents: test/examples-it.test.ts.
    const r = await meso(['compile', join(root, 'examples'), '--out-dir', dir, '--ignore-pattern', 'examples/it']);
    if (r.code !== 0) throw new Error(`compile failed: ${r.out}${r.err}`);
    return Object.fromEntries(readdirSync(dir).sort().map(f => [f, readFileSync(join(dir, f), 'utf8')]));
}

/** A clean one-session protocol named `name` (its title marks a version), for output-file tests. */
export const smallProtocol = (name: string, title = 'v1') => `protocol ${name} "${title}" {
    indication pain
    skin test 2 days before first session
    mixture m { saline 1 mL }
    session s { inject m }
    schedule { phase a: 1 session of s every 7 days }
}
`;
