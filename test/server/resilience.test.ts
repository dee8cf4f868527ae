// The language server under a long random editing session, through the real protocol
// (out/server.cjs over stdio): seeded random incremental edits of an example protocol that its
// patient plan imports, which break and restore the file, interleaved with every editor request
// and with cancellations. The server must answer every request (a result, or RequestCancelled /
// ContentModified), stay up, keep its memory bounded, write nothing to stderr, and end with the
// diagnostics a fresh check of the final text gives (the CLI and a new server), in every file of
// the workspace; then again after a restore, semantic edits, and an edit of the imported formulary.
import { spawnSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { Problem } from '../../src/cli/problems.js';
import { byPosition, severityName } from '../../src/cli/diagnostics.js';
import { codeOf } from '../../src/language/validation/report.js';
import { applyChange, createRandom, positionAt, randomChange, type Change, type Random } from '../helpers/random-edits.js';
import { cliPath, ErrorCodes, looksLikeError, outcome, REQUEST_TIMEOUT_MS, rssMB, startSession, type Outcome, type Session } from '../helpers/lsp-session.js';

/** The seed of the session; MESO_RESILIENCE_SEED / MESO_RESILIENCE_EDITS run others by hand. */
const SEED = Number(process.env.MESO_RESILIENCE_SEED ?? 7_031);
const EDITS = Number(process.env.MESO_RESILIENCE_EDITS ?? 1_500);
/** Edited: patients/rossi.meso imports it, so its edits change another file's diagnostics too. */
const FILE = 'low-back-pain.meso';
/** Edits between two waits for every request in flight (the client's back-pressure). */
const BATCH = 25;

let session: Session;
let uri: string;
let text: string;
let original: string;
let baselineRss: number | undefined;
const outcomes = new Map<string, Outcome[]>();
/** Files other than FILE the tests changed in the server, with their text. */
const otherEdits: Record<string, string> = {};

beforeAll(async () => {
    session = await startSession();
    ({ uri, text } = session.open(FILE));
    original = text;
    await session.client.nextDiagnostics(uri, REQUEST_TIMEOUT_MS);
    await session.client.request('textDocument/documentSymbol', { textDocument: { uri } }, REQUEST_TIMEOUT_MS);
    baselineRss = rssMB(session.client.pid);
}, 60_000);
afterAll(() => session?.close());

/** A request an editor sends, at a random place (one in eight out of the document's range). */
function randomRequest(random: Random): [string, unknown] {
    const lines = text.split('\n');
    const position = random.chance(1 / 8)
        ? random.pick([{ line: 99_999, character: 0 }, { line: 2 ** 31 - 1, character: 2 ** 31 - 1 }, { line: 0, character: 99_999 }, { line: lines.length, character: 3 }])
        : (() => { const line = random.int(0, lines.length - 1); return { line, character: random.int(0, lines[line].length) }; })();
    const end = positionAt(text, text.length);
    const range = random.chance(0.5) ? { start: { line: 0, character: 0 }, end } : { start: position, end: position };
    const textDocument = { uri };
    const method = random.pick([
        'textDocument/completion', 'textDocument/hover', 'textDocument/definition', 'textDocument/documentSymbol',
        'textDocument/formatting', 'textDocument/codeAction', 'textDocument/inlayHint', 'textDocument/semanticTokens/full',
        'meso/compile', 'meso/preview'
    ]);
    switch (method) {
        case 'textDocument/documentSymbol':
        case 'textDocument/semanticTokens/full':
            return [method, { textDocument }];
        case 'textDocument/formatting':
            return [method, { textDocument, options: { tabSize: 4, insertSpaces: true } }];
        case 'textDocument/codeAction':
            // Like an editor: the diagnostics it last received (possibly stale by now).
            return [method, { textDocument, range, context: { diagnostics: session.published(uri).slice(0, 5) } }];
        case 'textDocument/inlayHint':
            return [method, { textDocument, range }];
        case 'meso/compile':
            return [method, { uri }];
        case 'meso/preview':
            return [method, { uri }];
        default:
            return [method, { textDocument, position }];
    }
}

/** What the CLI reports of LSP diagnostics (its `--format json` items, hints left out). */
function asProblems(file: string, diagnostics: Diagnostic[]): Problem[] {
    return [...diagnostics].sort(byPosition).filter(d => severityName(d) !== 'hint').map(d => ({
        file, severity: severityName(d), code: codeOf(d), message: typeof d.message === 'string' ? d.message : d.message.value,
        line: d.range.start.line + 1, column: d.range.start.character + 1,
        endLine: d.range.end.line + 1, endColumn: d.range.end.character + 1
    }));
}

function mesoFiles(dir: string, prefix = ''): string[] {
    return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap(e =>
        e.isDirectory() ? mesoFiles(dir, `${prefix}${e.name}/`) : e.name.endsWith('.meso') ? [`${prefix}${e.name}`] : []);
}

/**
 * Writes the server's current text of FILE to disk and expects the long-running server to
 * publish, for every file of the workspace, what `meso check` reports (codes, ranges, messages,
 * severities; hints aside) and exactly what a new server on that folder publishes (everything).
 * Also checks meso/compile refuses exactly the CLI's errors. Returns the codes per file.
 */
async function expectFreshCheck(): Promise<Record<string, string[]>> {
    writeFileSync(join(session.dir, FILE), text);
    for (const [file, edited] of Object.entries(otherEdits)) writeFileSync(join(session.dir, file), edited);
    const cli = spawnSync(process.execPath, [cliPath, 'check', '--format', 'json', '.'], { cwd: session.dir, encoding: 'utf8' });
    expect(cli.stderr).toBe('');
    const problems = JSON.parse(cli.stdout) as Problem[];
    const files = mesoFiles(session.dir);
    expect(files).toContain('patients/rossi.meso');
    const expected = Object.fromEntries(files.map(f => [f, problems.filter(p => p.file === f)]));
    const actual = () => Object.fromEntries(files.map(f => {
        const fileUri = session.uriOf(f);
        return [f, session.client.published.has(fileUri) ? asProblems(f, session.published(fileUri)) : 'never published'];
    }));
    // The server publishes the final diagnostics when its last rebuild ends; wait for it, bounded.
    for (let waited = 0; waited < REQUEST_TIMEOUT_MS && JSON.stringify(actual()) !== JSON.stringify(expected); waited += 50) await sleep(50);
    expect(actual()).toEqual(expected);

    // meso/compile, on the server's state, refuses exactly the CLI's errors of the file and its import.
    const compiled = await session.client.request<{ errors: string[] }>('meso/compile', { uri }, REQUEST_TIMEOUT_MS);
    const cliErrors = problems.filter(p => p.severity === 'error' && [FILE, 'clinic-formulary.meso'].includes(p.file))
        .map(p => `${basename(p.file)}:${p.line}:${p.column} ${p.code}: ${p.message}`);
    expect([...compiled.result.errors].sort()).toEqual(cliErrors.sort());

    // A new server on the same folder: opening the file (its text on disk) makes it validate every file once.
    const fresh = await startSession(session.dir);
    try {
        fresh.open(FILE);
        await fresh.client.settle(0, () => files.every(f => fresh.client.published.has(fresh.uriOf(f))), REQUEST_TIMEOUT_MS);
        // Sorted, and with the workspace folder (in messages about imports) named the same in both.
        const comparable = (s: Session, f: string) => JSON.parse(JSON.stringify(
            [...s.published(s.uriOf(f))].sort((a, b) => byPosition(a, b) || JSON.stringify(a.message).localeCompare(JSON.stringify(b.message)))).replaceAll(s.dir, '<workspace>'));
        for (const f of files) expect(comparable(session, f), f).toEqual(comparable(fresh, f));
    } finally {
        await fresh.close();
    }
    return Object.fromEntries(files.map(f => [f, session.published(session.uriOf(f)).map(codeOf)]));
}

describe(`language server under ${EDITS} random edits (seed ${SEED})`, () => {
    test('answers every request with a result or a cancellation, never a crash or a hang', async () => {
        const random = createRandom(SEED);
        const kinds = new Map<string, number>();
        let version = 1;
        let inFlight: Array<Promise<void>> = [];
        for (let i = 0; i < EDITS; i++) {
            // One to three changes per notification, each against the text the previous one left.
            const changes: Change[] = [];
            for (let n = random.weighted([[1, 8], [2, 1], [3, 1]]); n > 0; n--) {
                const change = randomChange(random, text, original);
                text = applyChange(text, change);
                changes.push(change);
                kinds.set(change.kind, (kinds.get(change.kind) ?? 0) + 1);
            }
            session.client.notify('textDocument/didChange', {
                textDocument: { uri, version: ++version },
                contentChanges: changes.map(c => ({ range: c.range, text: c.text }))
            });
            for (let r = random.weighted([[0, 4], [1, 4], [2, 2]]); r > 0; r--) {
                const [method, params] = randomRequest(random);
                const { id, response } = session.client.start(method, params, REQUEST_TIMEOUT_MS);
                // A third are cancelled right after sending, as an editor does when the caret moves on.
                if (random.chance(1 / 3)) session.client.cancel(id);
                inFlight.push(outcome(response).then(o => { outcomes.set(method, [...(outcomes.get(method) ?? []), o]); }));
            }
            if (i % BATCH === BATCH - 1) {
                await Promise.all(inFlight);
                inFlight = [];
            }
        }
        await Promise.all(inFlight);
        if (process.env.MESO_RESILIENCE_VERBOSE) {
            const tally = [...outcomes].map(([m, l]) => `${m} ${l.filter(o => 'result' in o).length} results, ${l.filter(o => 'code' in o).length} errors`);
            console.log(`resilience: ${version - 1} didChange, edits ${JSON.stringify(Object.fromEntries(kinds))}\n${tally.join('\n')}\nfinal text:\n${text}`);
        }
        // The scenario did what it says: every kind of edit and request happened, some were cancelled.
        expect([...kinds.keys()].sort()).toEqual(['brace', 'break', 'delete', 'delete-line', 'duplicate-line', 'garbage', 'insert', 'paste-line', 'restore']);
        expect([...outcomes.keys()]).toHaveLength(10);
        const all = [...outcomes.values()].flat();
        expect(all.some(o => 'code' in o && o.code === ErrorCodes.RequestCancelled)).toBe(true);
        for (const [method, list] of outcomes) {
            for (const o of list) {
                if ('code' in o) expect([ErrorCodes.RequestCancelled, ErrorCodes.ContentModified], `${method}: ${o.message}`).toContain(o.code);
                else expect(looksLikeError(o.result), `${method} result ${JSON.stringify(o.result)}`).toBe(false);
            }
        }
    }, 300_000);

    test('publishes, for every file, what a fresh check of the final text gives: the CLI and a new server', async () => {
        await expectFreshCheck();
    }, 150_000);

    test('back from garbage: restoring the file and adding an overdose and an allergy gives a fresh check again', async () => {
        // Whole-file restore, then two range edits: piroxicam 1 mL → 3 mL (60 mg against its 20 mg
        // cap) and lidocaine → procaine, an ester the patient in patients/rossi.meso is allergic to.
        const edits: Array<[string, string]> = [['piroxicam 1 mL', 'piroxicam 3 mL'], ['lidocaine 1 mL', 'procaine 1 mL']];
        const changes = [{ range: { start: { line: 0, character: 0 }, end: positionAt(text, text.length) }, text: original }];
        text = original;
        for (const [from, to] of edits) {
            const at = text.indexOf(from);
            changes.push({ range: { start: positionAt(text, at), end: positionAt(text, at + from.length) }, text: to });
            text = text.replace(from, to);
        }
        session.client.notify('textDocument/didChange', { textDocument: { uri, version: EDITS + 100 }, contentChanges: changes });
        const codes = await expectFreshCheck();
        expect(codes[FILE]).toContain('overdose-session');
        expect(codes['patients/rossi.meso']).toContain('allergy');
    }, 150_000);

    test('a change to the imported formulary reaches every protocol that imports it, as a fresh check', async () => {
        // The protocols hold no reference into the formulary, only its house rules apply to them:
        // lowering its points limit from 60 to 6 must flag each protocol (all have more points).
        const formulary = session.open('clinic-formulary.meso');
        const at = formulary.text.indexOf('<= 60');
        session.client.notify('textDocument/didChange', {
            textDocument: { uri: formulary.uri, version: 2 },
            contentChanges: [{ range: { start: positionAt(formulary.text, at + 3), end: positionAt(formulary.text, at + 5) }, text: '6' }]
        });
        otherEdits['clinic-formulary.meso'] = formulary.text.replace('<= 60', '<= 6');
        const codes = await expectFreshCheck();
        expect(Object.keys(codes).filter(f => codes[f].includes('points-per-session')).sort())
            .toEqual(['cellulite.meso', 'cervicalgia.meso', 'keloid.meso', 'knee-osteoarthritis.meso', 'low-back-pain.meso', 'skin-ageing.meso', 'venous-insufficiency.meso']);
    }, 150_000);

    test('stays up with bounded memory, and writes no exception to stderr or the log', async () => {
        expect(session.client.child.exitCode).toBeNull();
        const symbols = await session.client.request<unknown[]>('textDocument/documentSymbol', { textDocument: { uri } }, REQUEST_TIMEOUT_MS);
        expect(Array.isArray(symbols.result)).toBe(true);
        const after = rssMB(session.client.pid);
        // Linux only (/proc). The bound: V8 grows its heap lazily, so a healthy server may end a
        // long session with some uncollected garbage (measured: see docs/testing.md), but a leak of
        // one parsed document per edit (a few hundred KB each: tokens, CST, AST, index entries)
        // over this many edits adds far more than 100 MB on top of a doubled baseline.
        if (baselineRss !== undefined && after !== undefined) {
            console.log(`resilience: RSS ${baselineRss.toFixed(0)} MB before, ${after.toFixed(0)} MB after ${EDITS} edits`);
            expect(after).toBeLessThan(2 * baselineRss + 100);
        }
        expect(session.client.stderrText).toBe('');
        expect(session.client.logs.filter(l => l.type === 1)).toEqual([]);
        expect(session.client.badFrames).toEqual([]);
    });
});
