// End to end from a real editor: headless Neovim (0.7, Debian's package) starts the bundled
// language server (out/server.cjs) on a temp workspace, opens files, and asks for diagnostics,
// completion, hover, definition, formatting and a quick fix the way a user's editor would.
// The Lua driver (nvim/drive-meso.lua) runs every scenario in one Neovim session and writes one
// JSON object; each test below asserts one scenario of it.
//
// Needs `nvim`: beforeAll installs it with scripts/e2e/ensure-neovim.mjs if it is missing.
// Needs out/server.cjs: `npm test` builds before running vitest (`npm run build` otherwise).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type {
    CodeAction, Command, CompletionItem, CompletionList, Hover, Location, LocationLink, MarkupContent, Range, TextEdit
} from 'vscode-languageserver-types';
import { OVERDOSE_PROTOCOL } from '../helpers/services.js';

const repo = join(import.meta.dirname, '..', '..');
const serverPath = join(repo, 'out', 'server.cjs');
const driver = join(import.meta.dirname, 'nvim', 'drive-meso.lua');
const NVIM_TIMEOUT_MS = 60_000;

// The workspace Neovim opens. Positions in the tests are LSP positions: 0-based line, UTF-16 column.
const OVERDOSE = OVERDOSE_PROTOCOL;
// The driver types `        lido` as a new line 4, inside the mixture, and asks for completion at its end.
const COMPLETE = `protocol c {
    indication pain
    patients from 60 kg
    mixture m {
    }
}
`;
const MESSY = `protocol   f{indication pain
patients from 60 kg
  mixture m{piroxicam    1 mL}
      session s {inject m}
schedule { phase a: 1 session of s every 7 days }   
}
`;

/** What one request returned in Neovim (see `request` in drive-meso.lua). */
interface Response<T> {
    ms: number;
    unsupported?: boolean;
    error?: unknown;
    result?: T;
}

interface NvimDiagnostic {
    code?: string; severity: number; message: string; source?: string;
    lnum: number; col: number; end_lnum: number; end_col: number;
}

interface PublishedDiagnostic {
    code?: string; severity?: number; message: string; source?: string; range: Range;
    data?: Record<string, unknown>;
}

interface DriverOutput {
    nvim_version: string;
    log_path: string;
    error?: string;
    notifications: Array<{ message: string; level?: number }>;
    server_capabilities: string[];
    server_pid?: number | null;
    server_exit?: { code: number; signal: number };
    initialize_ms: number;
    total_ms: number;
    scenarios: {
        diagnostics?: { error?: string; ms: number; published: PublishedDiagnostic[] | null; nvim: NvimDiagnostic[]; severity_error: number };
        hover?: Response<Hover | null> & { error?: unknown };
        definition?: Response<Location | Location[] | LocationLink[] | null>;
        completion?: Response<CompletionList | CompletionItem[] | null> & { line_text?: string };
        formatting?: Response<TextEdit[] | null> & { before?: string; after?: string; second?: { error?: unknown; result?: TextEdit[] | null } };
        codeAction?: Response<Array<CodeAction | Command> | null> & {
            applied_line?: string; after_fix_published?: boolean; after_fix_codes?: Array<string | null>;
        };
    };
}

interface Run {
    exitCode: number | null;
    signal: NodeJS.Signals | null;
    stderr: string;
    pgid: number;
    ms: number;
    output?: DriverOutput;
}

let workDir: string;
let run: Run | undefined;
let runError: Error | undefined;

function ensureNeovim(): void {
    const r = spawnSync(process.execPath, [join(repo, 'scripts', 'e2e', 'ensure-neovim.mjs')], { encoding: 'utf8', timeout: 180_000 });
    const said = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim();
    if (r.error || r.status !== 0) {
        throw new Error(`Could not make Neovim available for the end-to-end test (scripts/e2e/ensure-neovim.mjs ${r.error ? r.error.message : `exited ${r.status}`}):\n${said}`);
    }
    if (!said.includes('nothing to do')) {
        console.log(said);
    }
}

function processGroupAlive(pgid: number): boolean {
    try {
        process.kill(-pgid, 0);
        return true;
    } catch {
        return false;
    }
}

function processAlive(pid: number): boolean {
    try {
        process.kill(pid, 0);
        return true;
    } catch {
        return false;
    }
}

function killGroup(pgid: number): void {
    try {
        process.kill(-pgid, 'SIGKILL');
    } catch {
        // already gone
    }
}

/** Runs Neovim with the driver in its own process group; kills the whole group on timeout. */
function runNeovim(root: string, home: string, outFile: string): Promise<Run> {
    const started = Date.now();
    const env: NodeJS.ProcessEnv = {
        ...process.env,
        HOME: home,
        XDG_CONFIG_HOME: join(home, 'config'),
        XDG_DATA_HOME: join(home, 'data'),
        XDG_STATE_HOME: join(home, 'state'),
        XDG_CACHE_HOME: join(home, 'cache'),
        XDG_RUNTIME_DIR: join(home, 'runtime'),
        XDG_CONFIG_DIRS: join(home, 'config-dirs'),
        XDG_DATA_DIRS: '/usr/local/share:/usr/share',
        MESO_E2E_SCRIPT: driver,
        MESO_E2E_SERVER: serverPath,
        MESO_E2E_NODE: process.execPath,
        MESO_E2E_ROOT: root,
        MESO_E2E_OUT: outFile
    };
    delete env.NVIM;
    delete env.NVIM_LISTEN_ADDRESS;
    delete env.VIMINIT;
    delete env.MYVIMRC;
    const child = spawn('nvim', ['--headless', '--clean', '-n', '-c', 'lua dofile(vim.env.MESO_E2E_SCRIPT)'], {
        cwd: root, env, detached: true, stdio: ['ignore', 'pipe', 'pipe']
    });
    const pgid = child.pid!;
    let stderr = '';
    child.stdout.on('data', () => { /* headless Neovim writes terminal codes here; ignored */ });
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
            killGroup(pgid);
            reject(new Error(`Neovim did not finish within ${NVIM_TIMEOUT_MS / 1000} s; killed its process group.\n${stderr}`));
        }, NVIM_TIMEOUT_MS);
        child.on('error', error => {
            clearTimeout(timer);
            killGroup(pgid);
            reject(new Error(`Could not start nvim: ${error.message}`));
        });
        child.on('close', (exitCode, signal) => {
            clearTimeout(timer);
            const result: Run = { exitCode, signal, stderr, pgid, ms: Date.now() - started };
            if (existsSync(outFile)) {
                result.output = JSON.parse(readFileSync(outFile, 'utf8')) as DriverOutput;
            }
            resolve(result);
        });
    });
}

/** The run, or a clear failure saying why there is none. */
function output(): DriverOutput {
    if (runError) {
        throw runError;
    }
    if (!run?.output) {
        throw new Error(`Neovim exited (code ${run?.exitCode}, signal ${run?.signal}) without writing its result.\n${run?.stderr}`);
    }
    return run.output;
}

/** Context for failure messages: what Neovim reported and the end of its LSP log. */
function context(): string {
    const out = run?.output;
    let log = '';
    if (out?.log_path && existsSync(out.log_path)) {
        log = readFileSync(out.log_path, 'utf8').split('\n').slice(-30).join('\n');
    }
    return JSON.stringify({ error: out?.error, notifications: out?.notifications, capabilities: out?.server_capabilities }) +
        (log ? `\nLSP log (end):\n${log}` : '') + (run?.stderr ? `\nnvim stderr:\n${run.stderr}` : '');
}

function scenario<K extends keyof DriverOutput['scenarios']>(name: K): NonNullable<DriverOutput['scenarios'][K]> {
    const value = output().scenarios[name];
    expect(value, `scenario '${name}' did not run. ${context()}`).toBeDefined();
    const recorded = value as { error?: unknown; unsupported?: boolean };
    expect(recorded.unsupported, `the server does not advertise the capability for '${name}'. ${context()}`).toBeUndefined();
    expect(recorded.error ?? null, `scenario '${name}' failed in Neovim. ${context()}`).toBeNull();
    return value!;
}

/** Lua encodes an empty table as `{}`; LSP arrays are arrays. */
function asArray<T>(value: T[] | Record<string, never> | null | undefined): T[] {
    if (Array.isArray(value)) {
        return value;
    }
    if (value && typeof value === 'object' && Object.keys(value).length === 0) {
        return [];
    }
    throw new Error(`expected an array, got ${JSON.stringify(value)}`);
}

function range(startLine: number, startCharacter: number, endLine: number, endCharacter: number): Range {
    return { start: { line: startLine, character: startCharacter }, end: { line: endLine, character: endCharacter } };
}

describe('Neovim drives the Meso language server (out/server.cjs)', () => {
    beforeAll(async () => {
        if (!existsSync(serverPath)) {
            throw new Error(`${serverPath} does not exist: build the bundle first with \`npm run build\` (\`npm test\` does it).`);
        }
        ensureNeovim();
        workDir = mkdtempSync(join(tmpdir(), 'meso-nvim-'));
        const root = join(workDir, 'workspace');
        const home = join(workDir, 'home');
        mkdirSync(root);
        mkdirSync(home);
        writeFileSync(join(root, 'overdose.meso'), OVERDOSE);
        writeFileSync(join(root, 'complete.meso'), COMPLETE);
        writeFileSync(join(root, 'messy.meso'), MESSY);
        try {
            run = await runNeovim(root, home, join(workDir, 'result.json'));
            const out = run.output;
            if (out) {
                const order = ['diagnostics', 'hover', 'definition', 'completion', 'formatting', 'codeAction'] as const;
                const times = order.map(name => `${name} ${out.scenarios[name]?.ms ?? '?'} ms`).join(', ');
                console.log(`Neovim ${out.nvim_version}: whole run ${run.ms} ms (initialize ${out.initialize_ms} ms; ${times}).`);
            }
        } catch (error) {
            runError = error as Error;
        }
    }, 240_000);

    afterAll(() => {
        if (run && processGroupAlive(run.pgid)) {
            killGroup(run.pgid);
        }
        if (workDir) {
            rmSync(workDir, { recursive: true, force: true });
        }
    });

    test('Neovim and the server start, run every scenario and exit cleanly, leaving no processes', () => {
        const out = output();
        expect(out.error ?? null, context()).toBeNull();
        expect(run!.exitCode, context()).toBe(0);
        expect(out.server_capabilities).toEqual(expect.arrayContaining(['completionProvider', 'hoverProvider', 'definitionProvider', 'textDocumentSync']));
        expect(out.server_exit, 'the server answered shutdown/exit and ended with code 0').toEqual({ code: 0, signal: 0 });
        if (typeof out.server_pid === 'number') {
            expect(processAlive(out.server_pid), `the server process ${out.server_pid} is still running`).toBe(false);
        }
        expect(processGroupAlive(run!.pgid), `processes of the Neovim process group ${run!.pgid} are still running`).toBe(false);
        expect(out.notifications, 'Neovim showed no errors').toEqual([]);
    });

    test('1. the overdose diagnostic arrives in Neovim with its code, severity and exact range', () => {
        const d = scenario('diagnostics');
        // What the server published, exactly: `2 mL` in `    mixture m { piroxicam 2 mL }`.
        const published = asArray(d.published);
        expect(published.map(p => ({ code: p.code, severity: p.severity, source: p.source, range: p.range }))).toEqual([
            { code: 'overdose-session', severity: 1, source: 'meso', range: range(4, 26, 4, 30) }
        ]);
        expect(published[0].message).toBe("'piroxicam' 40 mg in session 's' exceeds its maximum of 20 mg per session (std: Feldene (piroxicam) capsules, US prescribing information (Pfizer, revised 2021), DailyMed setid dedef9e5-23de-49ff-895a-30906b5c7da3: 20 mg once a day; evidence: design).");
        // What Neovim stored for the buffer (vim.diagnostic.get): 0-based lines and byte columns.
        expect(d.nvim.map(n => ({ code: n.code, severity: n.severity, lnum: n.lnum, col: n.col, end_lnum: n.end_lnum, end_col: n.end_col }))).toEqual([
            { code: 'overdose-session', severity: d.severity_error, lnum: 4, col: 26, end_lnum: 4, end_col: 30 }
        ]);
        expect(d.severity_error).toBe(1);
        expect(d.nvim[0].message).toBe(published[0].message);
    });

    test('2. completion after typing `lido` in a mixture offers lidocaine, replacing the typed word', () => {
        const c = scenario('completion');
        expect(c.line_text).toBe('        lido');
        const result = c.result;
        expect(result, 'completion returned a result').toBeTruthy();
        const items = Array.isArray(result) ? result : asArray(result!.items);
        const labels = items.map(i => i.label);
        expect(labels).toContain('lidocaine');
        expect(labels).not.toContain('piroxicam');
        const lidocaine = items.find(i => i.label === 'lidocaine')!;
        expect(lidocaine.textEdit).toEqual({ newText: 'lidocaine', range: range(4, 8, 4, 12) });
    });

    test('3. hover on `piroxicam` in a mixture shows its documentation', () => {
        const h = scenario('hover');
        const contents = h.result?.contents;
        expect(contents, 'hover returned contents').toBeTruthy();
        const text = typeof contents === 'string' ? contents
            : Array.isArray(contents) ? contents.map(c => typeof c === 'string' ? c : c.value).join('\n')
                : (contents as MarkupContent).value;
        expect(text.trim().length).toBeGreaterThan(0);
        expect(text).toMatch(/piroxicam/i);
    });

    test('4. go to definition on `piroxicam` lands on its declaration in the std library (meso-std:)', () => {
        const d = scenario('definition');
        const raw = d.result;
        const locations = raw === null || raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
        expect(locations).toHaveLength(1);
        const location = locations[0];
        const uri = 'targetUri' in location ? location.targetUri : location.uri;
        const target = 'targetUri' in location ? location.targetSelectionRange : location.range;
        expect(uri).toMatch(/^meso-std:\/*nsaids\.meso$/);
        // The name in `substance piroxicam "Piroxicam" {` of the std source the bundle embeds.
        const std = readFileSync(join(repo, 'src', 'language', 'std', 'nsaids.meso'), 'utf8').split('\n');
        const line = std.findIndex(l => l.startsWith('substance piroxicam '));
        expect(line).toBeGreaterThanOrEqual(0);
        const character = std[line].indexOf('piroxicam');
        expect(target).toEqual(range(line, character, line, character + 'piroxicam'.length));
        if ('originSelectionRange' in location && location.originSelectionRange) {
            expect(location.originSelectionRange).toEqual(range(4, 16, 4, 25));
        }
    });

    test('5. formatting a messy file answers without error; the edits only change whitespace and are stable', () => {
        const f = scenario('formatting');
        const edits = asArray(f.result as TextEdit[]);
        expect(edits.length, 'the messy file needs edits').toBeGreaterThan(0);
        for (const edit of edits) {
            // Neovim adds bookkeeping fields (such as _index) to the edits it received.
            expect(edit).toMatchObject({ range: { start: expect.any(Object), end: expect.any(Object) }, newText: expect.any(String) });
        }
        expect(f.before).toBe(MESSY.replace(/\n$/, ''));
        expect(f.after!.split('\n').slice(0, 4)).toEqual(['protocol f {', '    indication pain', '    patients from 60 kg', '    mixture m { piroxicam 1 mL }']);
        const squash = (s: string) => s.replace(/\s+/g, '');
        expect(squash(f.after!)).toBe(squash(f.before!));
        expect(f.second?.error ?? null).toBeNull();
        expect(asArray(f.second?.result as TextEdit[]), `formatting the formatted text again changes it:\n${f.after}`).toEqual([]);
    });

    test('6. a quick fix at the overdose offers to lower the component; applying it clears the overdose', () => {
        const a = scenario('codeAction');
        const actions = asArray(a.result as Array<CodeAction | Command>);
        expect(actions.length, 'at least one code action').toBeGreaterThan(0);
        const titles = actions.map(x => x.title);
        expect(titles.some(t => /lower/i.test(t)), `an action titled "Lower ...", got ${JSON.stringify(titles)}`).toBe(true);
        // Applied by Neovim (vim.lsp.util.apply_workspace_edit): 1 mL of 20 mg/mL is the 20 mg cap.
        expect(a.applied_line).toMatch(/^\s*mixture m \{ piroxicam 1 mL \}\s*$/);
        expect(a.after_fix_published, 'the server re-published diagnostics after the fix').toBe(true);
        expect(a.after_fix_codes).not.toContain('overdose-session');
    });
});
