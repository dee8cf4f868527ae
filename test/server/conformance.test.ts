// LSP 3.17 conformance of the bundled server (out/server.cjs over stdio), under the client
// capabilities of VS Code and of Neovim (test/fixtures/lsp-clients/: vscode.json as
// vscode-languageclient 10 declares them; neovim.json is what Neovim 0.7's
// make_client_capabilities() prints, plus the three workspace fields Neovim 0.8+ adds:
// `configuration`, `didChangeConfiguration` and `didChangeWatchedFiles` without dynamic
// registration). Every example is opened and every feature asked for at many positions; then
// every message the server sent is checked:
// - against the LSP types (vscode-languageserver-protocol's, with the TypeScript compiler);
// - for sense: ranges inside their document, semantic tokens that decode to valid positions
//   with legend indices in range, formatting edits inside the requested range and not
//   overlapping, completion edits on the cursor's line with insert a prefix of replace, code
//   lens commands the server executes, no dynamic registration the client did not declare,
//   a file watcher for .meso files only, no diagnostics for std documents, a documentation
//   link for every diagnostic code, diagnostics refreshed after a close.
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, test } from 'vitest';
import type { Diagnostic, InitializeResult, Position, Range } from 'vscode-languageserver-protocol';
import { LspClient } from '../../scripts/lib/lsp-client.mjs';
import { outcome, repo, REQUEST_TIMEOUT_MS, serverPath, type Outcome } from '../helpers/lsp-session.js';
import { resultType, SERVER_MESSAGE_TYPES, typeCheck, type Typed } from '../helpers/lsp-type-check.js';

/** Parsed JSON of whichever shape a check reads (what `JSON.parse` gives). */
type Json = ReturnType<typeof JSON.parse>;

interface Exchange { method: string; uri?: string; params: unknown; outcome: Outcome }
interface ServerMessage { method?: string; id?: unknown; params?: unknown }

const clients = ['vscode', 'neovim'] as const;
const capabilitiesOf = (name: string) => JSON.parse(readFileSync(join(repo, 'test', 'fixtures', 'lsp-clients', `${name}.json`), 'utf8')) as Json;

/** Everything one session under one client's capabilities produced. */
interface Run {
    capabilities: Json;
    init: InitializeResult;
    exchanges: Exchange[];
    fromServer: ServerMessage[];
    texts: Map<string, string>;
    afterClose: { edited: Diagnostic[]; closed: Diagnostic[] | undefined; untitledOpen: Diagnostic[]; untitledClosed: Diagnostic[] | undefined };
    alive: boolean;
    stderr: string;
}

const runs = new Map<string, Run>();

function files(dir: string): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap(e => e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.meso') ? [join(dir, e.name)] : []);
}

function lineLengths(text: string): number[] {
    return text.split(/\r\n|\r|\n/).map(l => l.length);
}

/** Positions to ask at: start, middle and end of every other line, past the end of a line, past the last line. */
function positionsIn(text: string): Position[] {
    const lengths = lineLengths(text);
    const result: Position[] = [];
    lengths.forEach((length, line) => {
        if (line % 2 === 0) result.push({ line, character: 0 }, { line, character: Math.floor(length / 2) }, { line, character: length });
    });
    result.push({ line: 2, character: 500 }, { line: lengths.length + 3, character: 0 });
    return result;
}

async function session(name: string): Promise<Run> {
    const dir = mkdtempSync(join(tmpdir(), `meso-conformance-${name}-`));
    cpSync(join(repo, 'examples'), dir, { recursive: true });
    const client = new LspClient(serverPath, { cwd: dir });
    const fromServer: ServerMessage[] = [];
    const raw = client as unknown as { onMessage(message: ServerMessage, at: number): void };
    const original = raw.onMessage.bind(client);
    raw.onMessage = (message, at) => {
        if (message.method !== undefined) fromServer.push(message);
        original(message, at);
    };
    const capabilities = capabilitiesOf(name);
    const rootUri = pathToFileURL(dir).href;
    const exchanges: Exchange[] = [];
    const ask = async (method: string, params: unknown, uri?: string): Promise<Outcome> => {
        const got = await outcome(client.request(method, params, REQUEST_TIMEOUT_MS));
        exchanges.push({ method, uri, params, outcome: got });
        return got;
    };
    try {
        const init = await ask('initialize', { processId: process.pid, clientInfo: { name }, rootUri, workspaceFolders: [{ uri: rootUri, name: 'examples' }], capabilities });
        client.notify('initialized', {});
        const texts = new Map<string, string>();
        const paths = files(dir);
        for (const path of paths) {
            const uri = pathToFileURL(path).href;
            const text = readFileSync(path, 'utf8');
            texts.set(uri, text);
            const published = client.nextDiagnostics(uri, REQUEST_TIMEOUT_MS);
            client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'meso', version: 1, text } });
            await published;
        }
        for (const [uri, text] of texts) {
            const textDocument = { uri };
            const lengths = lineLengths(text);
            const whole = { start: { line: 0, character: 0 }, end: { line: lengths.length - 1, character: lengths[lengths.length - 1] } };
            const options = { tabSize: 4, insertSpaces: true, trimTrailingWhitespace: true, insertFinalNewline: true };
            for (const method of ['textDocument/documentSymbol', 'textDocument/foldingRange', 'textDocument/semanticTokens/full', 'textDocument/codeLens', 'textDocument/documentLink']) {
                await ask(method, { textDocument }, uri);
            }
            await ask('textDocument/semanticTokens/range', { textDocument, range: { start: { line: 3, character: 0 }, end: { line: 12, character: 0 } } }, uri);
            await ask('textDocument/inlayHint', { textDocument, range: whole }, uri);
            await ask('textDocument/formatting', { textDocument, options }, uri);
            for (let line = 0; line < lengths.length; line += 5) {
                await ask('textDocument/rangeFormatting', { textDocument, range: { start: { line, character: 2 }, end: { line: line + 3, character: 1 } }, options }, uri);
            }
            const diagnostics = client.published.get(uri)?.diagnostics ?? [];
            await ask('textDocument/codeAction', { textDocument, range: whole, context: { diagnostics } }, uri);
            for (const position of positionsIn(text)) {
                for (const method of ['textDocument/completion', 'textDocument/hover', 'textDocument/definition', 'textDocument/documentHighlight', 'textDocument/prepareRename']) {
                    await ask(method, { textDocument, position }, uri);
                }
                await ask('textDocument/references', { textDocument, position, context: { includeDeclaration: true } }, uri);
            }
        }
        await ask('workspace/symbol', { query: 'lido' });
        // Each code lens command, as a client runs it (Compile writes beside the file, in the copy).
        for (const exchange of exchanges.filter(e => e.method === 'textDocument/codeLens' && 'result' in e.outcome)) {
            for (const lens of (exchange.outcome as { result: Array<{ command?: { command: string; arguments?: unknown[] } }> }).result) {
                if (lens.command) await ask('workspace/executeCommand', { command: lens.command.command, arguments: lens.command.arguments });
            }
        }
        await ask('workspace/willRenameFiles', { files: [{ oldUri: `${rootUri}/clinic-formulary.meso`, newUri: `${rootUri}/shared/formulary.meso` }] });
        await ask('workspace/willRenameFiles', { files: [{ oldUri: `${rootUri}/patients`, newUri: `${rootUri}/clinic/patients` }] });
        for (const std of new Set(exchanges.flatMap(e => JSON.stringify(e.outcome).match(/meso-std:[^"]+/g) ?? []))) {
            const content = await outcome(client.request('workspace/textDocumentContent', { uri: std }, REQUEST_TIMEOUT_MS));
            if ('result' in content) texts.set(std, (content.result as { text: string }).text);
        }

        // An edited, unsaved buffer with an error, closed: its diagnostics must go back to the file's.
        const edited = pathToFileURL(join(dir, 'keloid.meso')).href;
        const broken = client.nextDiagnostics(edited, REQUEST_TIMEOUT_MS);
        client.notify('textDocument/didChange', { textDocument: { uri: edited, version: 2 }, contentChanges: [{ text: `${texts.get(edited)}\nbogus here\n` }] });
        const editedDiagnostics = (await broken).diagnostics as Diagnostic[];
        const refreshed = client.nextDiagnostics(edited, REQUEST_TIMEOUT_MS).then(d => d.diagnostics as Diagnostic[], () => undefined);
        client.notify('textDocument/didClose', { textDocument: { uri: edited } });
        const closed = await refreshed;
        // A never-saved buffer (File > New in VS Code), importing a workspace file it cannot reach.
        const untitled = 'untitled:Untitled-1';
        const opened = client.nextDiagnostics(untitled, REQUEST_TIMEOUT_MS);
        client.notify('textDocument/didOpen', { textDocument: { uri: untitled, languageId: 'meso', version: 1, text: 'import "clinic-formulary.meso"\nprotocol draft {\n    mixture m { piroxicam 2 mL }\n}\n' } });
        const untitledOpen = (await opened).diagnostics as Diagnostic[];
        await ask('textDocument/hover', { textDocument: { uri: untitled }, position: { line: 2, character: 20 } }, untitled);
        const cleared = client.nextDiagnostics(untitled, REQUEST_TIMEOUT_MS).then(d => d.diagnostics as Diagnostic[], () => undefined);
        client.notify('textDocument/didClose', { textDocument: { uri: untitled } });
        const untitledClosed = await cleared;
        const alive = client.child.exitCode === null && 'result' in await outcome(client.request('workspace/symbol', { query: '' }, REQUEST_TIMEOUT_MS));
        return {
            capabilities, init: (init as { result: InitializeResult }).result, exchanges, fromServer, texts, alive, stderr: client.stderrText,
            afterClose: { edited: editedDiagnostics, closed, untitledOpen, untitledClosed }
        };
    } finally {
        await client.shutdown();
        rmSync(dir, { recursive: true, force: true });
    }
}

beforeAll(async () => {
    for (const name of clients) runs.set(name, await session(name));
}, 600_000);

/** Every range in a value, with the document it belongs to (a `uri`/`targetUri` beside it, or a key of `changes`). */
function rangesIn(value: unknown, uri: string | undefined, found: Array<{ uri: string | undefined; range: Range; path: string }> = [], path = ''): typeof found {
    if (Array.isArray(value)) {
        value.forEach((v, i) => rangesIn(v, uri, found, `${path}[${i}]`));
    } else if (typeof value === 'object' && value !== null) {
        const object = value as Record<string, unknown>;
        const here = typeof object.targetUri === 'string' ? object.targetUri : typeof object.uri === 'string' ? object.uri : uri;
        for (const [key, v] of Object.entries(object)) {
            if (isRange(v)) {
                // A LocationLink's origin range is in the requesting document.
                found.push({ uri: key === 'originSelectionRange' ? uri : here, range: v, path: `${path}.${key}` });
            } else if (key === 'changes' && typeof v === 'object' && v !== null) {
                for (const [changed, edits] of Object.entries(v)) rangesIn(edits, changed, found, `${path}.changes[${changed}]`);
            } else {
                rangesIn(v, here, found, `${path}.${key}`);
            }
        }
    }
    return found;
}

function isRange(v: unknown): v is Range {
    const r = v as Range;
    return typeof v === 'object' && v !== null && typeof r.start?.line === 'number' && typeof r.end?.character === 'number';
}

function inside(range: Range, text: string): boolean {
    const lengths = lineLengths(text);
    const ok = (p: Position) => p.line >= 0 && p.line < lengths.length && p.character >= 0 && p.character <= lengths[p.line];
    const ordered = range.start.line < range.end.line || (range.start.line === range.end.line && range.start.character <= range.end.character);
    return ok(range.start) && ok(range.end) && ordered;
}

const offsetOf = (text: string, p: Position) => {
    const lines = text.split('\n');
    return lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
};

describe.each(clients)('LSP 3.17 conformance under %s client capabilities', name => {
    const run = () => runs.get(name)!;
    const results = (method: string) => run().exchanges.filter(e => e.method === method && 'result' in e.outcome).map(e => ({ ...e, result: (e.outcome as { result: Json }).result }));

    test('every response, notification and request from the server has the LSP types', () => {
        const values: Typed[] = [];
        for (const [i, e] of run().exchanges.entries()) {
            if ('result' in e.outcome) values.push({ label: `#${i} ${e.method} ${JSON.stringify(e.params).slice(0, 160)}`, type: resultType(e.method), value: e.outcome.result });
        }
        for (const [i, m] of run().fromServer.entries()) {
            const type = SERVER_MESSAGE_TYPES[m.method!];
            values.push({ label: `server #${i} ${m.method}`, type: type ?? 'never', value: m.params });
        }
        expect(typeCheck(values)).toEqual([]);
    }, 180_000);

    test('every request got a result, or an error with a code LSP gives for it', () => {
        // A rename refused (a std name) is RequestFailed, with the reason.
        const refused = (e: Exchange) => (e.method === 'textDocument/prepareRename' || e.method === 'textDocument/rename') && 'code' in e.outcome && e.outcome.code === -32803;
        expect(run().exchanges.filter(refused).length).toBeGreaterThan(0);
        const errors = run().exchanges.filter(e => 'code' in e.outcome && !refused(e)).map(e => `${e.method} ${JSON.stringify(e.params).slice(0, 120)}: ${JSON.stringify(e.outcome)}`);
        expect(errors).toEqual([]);
        expect(run().alive).toBe(true);
        expect(run().stderr).toBe('');
    });

    test('initialize: serverInfo, workspace folder changes, the server commands, file operations', () => {
        const { capabilities, serverInfo } = run().init;
        expect(serverInfo).toEqual({ name: 'meso', version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
        expect(capabilities.workspace?.workspaceFolders).toEqual({ supported: true, changeNotifications: true });
        expect(capabilities.executeCommandProvider?.commands.sort()).toEqual(['meso.server.compile', 'meso.server.preview', 'meso.server.schedule']);
        expect(capabilities.workspace?.fileOperations?.willRename?.filters.map(f => f.pattern.matches)).toEqual(['file', 'folder']);
        expect(capabilities.documentLinkProvider).toBeDefined();
    });

    test('every range lies inside its document', () => {
        const outside: string[] = [];
        for (const e of run().exchanges) {
            if (!('result' in e.outcome)) continue;
            for (const { uri, range, path } of rangesIn(e.outcome.result, e.uri)) {
                const text = uri === undefined ? undefined : run().texts.get(uri);
                if (text === undefined) { if (uri !== undefined && !uri.startsWith('untitled:')) outside.push(`${e.method} ${path}: no text known for ${uri}`); continue; }
                if (!inside(range, text)) outside.push(`${e.method} ${JSON.stringify(e.params).slice(0, 100)} ${path}: ${JSON.stringify(range)} in ${uri}`);
            }
        }
        for (const m of run().fromServer.filter(m => m.method === 'textDocument/publishDiagnostics')) {
            const { uri, diagnostics } = m.params as { uri: string; diagnostics: Diagnostic[] };
            const text = run().texts.get(uri);
            if (text === undefined) continue;
            for (const d of diagnostics) if (!inside(d.range, uri.endsWith('keloid.meso') ? `${text}\nbogus here\n` : text)) outside.push(`diagnostic ${d.code} ${JSON.stringify(d.range)} in ${uri}`);
        }
        expect(outside).toEqual([]);
    });

    test('semantic tokens decode to positions inside the document, in order, with legend indices in range', () => {
        const legend = run().init.capabilities.semanticTokensProvider!.legend;
        const problems: string[] = [];
        const tokens = [...results('textDocument/semanticTokens/full'), ...results('textDocument/semanticTokens/range')];
        expect(tokens.length).toBeGreaterThan(0);
        for (const { uri, result, method } of tokens) {
            const lengths = lineLengths(run().texts.get(uri!)!);
            const data: number[] = result.data;
            if (data.length % 5 !== 0) problems.push(`${uri}: ${data.length} integers`);
            let line = 0, start = 0;
            for (let i = 0; i < data.length; i += 5) {
                const [dl, ds, length, type, modifiers] = data.slice(i, i + 5);
                if (![dl, ds, length, type, modifiers].every(n => Number.isInteger(n) && n >= 0)) { problems.push(`${method} ${uri} @${i}: ${data.slice(i, i + 5)}`); continue; }
                line += dl;
                start = dl === 0 ? start + ds : ds;
                if (i > 0 && dl === 0 && ds === 0) problems.push(`${uri} @${i}: two tokens at ${line}:${start}`);
                if (line >= lengths.length || start + length > lengths[line] || length === 0) problems.push(`${uri} @${i}: ${line}:${start}+${length} outside the line`);
                if (type >= legend.tokenTypes.length) problems.push(`${uri} @${i}: type ${type}`);
                if (modifiers >>> legend.tokenModifiers.length !== 0) problems.push(`${uri} @${i}: modifiers ${modifiers}`);
            }
        }
        expect(problems).toEqual([]);
    });

    test('formatting edits lie inside the requested range and do not overlap; the result has no trailing whitespace', () => {
        const problems: string[] = [];
        for (const { uri, params, result, method } of [...results('textDocument/formatting'), ...results('textDocument/rangeFormatting')]) {
            const text = run().texts.get(uri!)!;
            const range: Range | undefined = (params as { range?: Range }).range;
            const spans = (result as Array<{ range: Range; newText: string }>).map(e => [offsetOf(text, e.range.start), offsetOf(text, e.range.end)]).sort((a, b) => a[0] - b[0]);
            spans.forEach((s, i) => { if (i > 0 && s[0] < spans[i - 1][1]) problems.push(`${method} ${uri}: overlapping edits at ${s[0]}`); });
            if (range) {
                const [from, to] = [offsetOf(text, range.start), offsetOf(text, range.end)];
                for (const [a, b] of spans) if (a < from || b > to) problems.push(`${method} ${uri} ${JSON.stringify(range)}: an edit at ${a}-${b}`);
            } else {
                let formatted = text;
                for (const e of [...(result as Array<{ range: Range; newText: string }>)].sort((x, y) => offsetOf(text, y.range.start) - offsetOf(text, x.range.start))) {
                    formatted = formatted.slice(0, offsetOf(text, e.range.start)) + e.newText + formatted.slice(offsetOf(text, e.range.end));
                }
                formatted.split('\n').forEach((l, i) => { if (/[ \t]$/.test(l)) problems.push(`${uri}: line ${i + 1} keeps trailing whitespace`); });
            }
        }
        expect(problems).toEqual([]);
    });

    test('completion edits are on the cursor line, start before it, and insert is a prefix of replace', () => {
        const insertReplace = Boolean(run().capabilities.textDocument?.completion?.completionItem?.insertReplaceSupport);
        const problems: string[] = [];
        for (const { uri, params, result } of results('textDocument/completion')) {
            const text = run().texts.get(uri!)!;
            const asked = (params as { position: Position }).position;
            const lengths = lineLengths(text);
            const line = Math.min(asked.line, lengths.length - 1);
            const cursor = asked.line >= lengths.length ? { line, character: lengths[line] } : { line, character: Math.min(asked.character, lengths[line]) };
            for (const item of (Array.isArray(result) ? result : result?.items ?? [])) {
                const edit = item.textEdit;
                if (!edit) continue;
                const where = `${uri} ${JSON.stringify(asked)} '${item.label}'`;
                if ('insert' in edit) {
                    if (!insertReplace) problems.push(`${where}: an InsertReplaceEdit to a client without insertReplaceSupport`);
                    const { insert, replace } = edit as { insert: Range; replace: Range };
                    if (JSON.stringify(insert.start) !== JSON.stringify(replace.start) || insert.end.line !== replace.end.line || insert.end.character > replace.end.character) problems.push(`${where}: insert ${JSON.stringify(insert)} is not a prefix of replace ${JSON.stringify(replace)}`);
                    if (JSON.stringify(insert.end) !== JSON.stringify(cursor)) problems.push(`${where}: insert ends at ${JSON.stringify(insert.end)}, not the cursor`);
                } else {
                    const r = (edit as { range: Range }).range;
                    if (r.start.line !== cursor.line || r.end.line !== cursor.line || r.start.character > cursor.character || JSON.stringify(r.end) !== JSON.stringify(cursor)) problems.push(`${where}: range ${JSON.stringify(r)}`);
                }
            }
        }
        expect(problems).toEqual([]);
    });

    test('nothing is completed inside a comment', () => {
        const inComments = results('textDocument/completion').filter(({ uri, params }) => {
            const text = run().texts.get(uri!)!;
            const { line, character } = (params as { position: Position }).position;
            const lineText = text.split('\n')[line] ?? '';
            const comment = lineText.indexOf('//');
            return comment >= 0 && character > comment && character <= lineText.length;
        });
        expect(inComments.length).toBeGreaterThan(5);
        expect(inComments.filter(c => (Array.isArray(c.result) ? c.result : c.result?.items ?? []).length > 0).map(c => `${c.uri} ${JSON.stringify(c.params)}`)).toEqual([]);
    });

    test('every code lens names a command the server executes, and executing it succeeds', () => {
        const commands = run().init.capabilities.executeCommandProvider!.commands;
        const lenses = results('textDocument/codeLens').flatMap(r => r.result as Array<{ command?: { command: string; title: string } }>);
        expect(lenses.length).toBeGreaterThan(10);
        expect(lenses.filter(l => !l.command || !commands.includes(l.command.command)).map(l => JSON.stringify(l))).toEqual([]);
        const executed = results('workspace/executeCommand');
        expect(executed.length).toBe(lenses.length);
        // Compile reports what it wrote; Preview returns the model and a page; the schedule lens a sentence, also shown.
        const compiles = executed.filter(e => (e.params as { command: string }).command === 'meso.server.compile');
        expect(compiles.every(c => c.result.errors.length === 0 && c.result.written.length >= 1)).toBe(true);
        const previews = executed.filter(e => (e.params as { command: string }).command === 'meso.server.preview');
        expect(previews.every(p => typeof p.result.html === 'string' && p.result.html.startsWith('<!DOCTYPE html>') && p.result.model.protocol)).toBe(true);
        const messages = run().fromServer.filter(m => m.method === 'window/showMessage').map(m => (m.params as { message: string }).message);
        expect(messages.some(m => /^low_back_pain: 8 sessions \+ 3 maintenance over 136 days; sessions on days 0, 4, 11/.test(m))).toBe(true);
        expect(messages.some(m => /^Meso: wrote .*low_back_pain\.json$/.test(m))).toBe(true);
    });

    test('dynamic registrations only for what the client declared, and a watcher on .meso files and the project configuration only', () => {
        const caps = run().capabilities;
        const declared = (method: string): boolean => {
            const [area, feature] = method.split('/');
            const key = feature?.replace(/^did(Change)?/, m => m === 'didChange' ? 'didChange' : 'did');
            return Boolean((area === 'workspace' ? caps.workspace?.[feature] ?? caps.workspace?.[key!] : caps.textDocument?.[feature])?.dynamicRegistration);
        };
        const registrations = run().fromServer.filter(m => m.method === 'client/registerCapability')
            .flatMap(m => (m.params as { registrations: Array<{ method: string; registerOptions?: Json }> }).registrations);
        expect(registrations.filter(r => !declared(r.method)).map(r => r.method)).toEqual([]);
        const watchers = registrations.filter(r => r.method === 'workspace/didChangeWatchedFiles').flatMap(r => r.registerOptions.watchers);
        expect(watchers.map(w => w.globPattern)).toEqual(name === 'vscode' ? ['**/*.meso', '**/meso.config.json'] : []);
        if (name === 'neovim') expect(registrations).toEqual([]);
    });

    test('no diagnostics for std documents; every diagnostic code links to its documentation', () => {
        const published = run().fromServer.filter(m => m.method === 'textDocument/publishDiagnostics').map(m => m.params as { uri: string; diagnostics: Diagnostic[] });
        expect(published.filter(p => p.uri.startsWith('meso-std:')).map(p => p.uri)).toEqual([]);
        const all = published.flatMap(p => p.diagnostics);
        expect(all.filter(d => d.code !== undefined).length).toBeGreaterThan(1);
        expect(all.filter(d => d.code !== undefined && d.codeDescription?.href !== `${docsBase()}#${d.code}`).map(d => `${d.code}: ${d.codeDescription?.href}`)).toEqual([]);
    });

    test('an edited buffer closed unsaved: its diagnostics go back to those of the file on disk', () => {
        const { edited, closed } = run().afterClose;
        expect(edited.some(d => d.range.start.line === run().texts.get([...run().texts.keys()].find(u => u.endsWith('keloid.meso'))!)!.split('\n').length)).toBe(true);
        expect(closed).toBeDefined();
        expect(closed!.filter(d => d.severity === 1)).toEqual([]);
    });

    test('an untitled buffer is checked (its import is unresolved, not read), and closing it clears its diagnostics', () => {
        const { untitledOpen, untitledClosed } = run().afterClose;
        expect(untitledOpen.find(d => d.code === 'import-unresolved')?.message).toBe(
            "Cannot import 'clinic-formulary.meso': this document (untitled:) is not a file on disk, so imports are not read from it; save it as a .meso file in the project first.");
        expect(untitledOpen.map(d => d.code)).toContain('unused');
        expect(run().exchanges.find(e => e.uri === 'untitled:Untitled-1')?.outcome).toMatchObject({ result: { contents: { kind: 'markdown' } } });
        expect(untitledClosed).toEqual([]);
    });

    test('willRenameFiles keeps every import right when a file or a folder moves', () => {
        const [file, folder] = results('workspace/willRenameFiles');
        const edits = (result: { changes: Record<string, Array<{ newText: string }>> }, parts: number) => Object.entries(result.changes)
            .map(([uri, e]) => [uri.split('/').slice(-parts).join('/'), e.map(x => x.newText)]).sort();
        const importers = readdirSync(join(repo, 'examples')).filter(f => f.endsWith('.meso') && readFileSync(join(repo, 'examples', f), 'utf8').includes('import "clinic-formulary.meso"'));
        expect(importers.length).toBeGreaterThan(3);
        expect(edits(file.result, 1)).toEqual(importers.map(f => [f, ['shared/formulary.meso']]).sort());
        expect(edits(folder.result, 2)).toEqual([['patients/rossi.meso', ['../../low-back-pain.meso']]]);
    });
});

function docsBase(): string {
    const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { repository: { url: string } };
    return `${pkg.repository.url.replace(/^git\+/, '').replace(/\.git$/, '')}/blob/main/docs/diagnostics.md`;
}
