import { parseProjectConfig } from '../../src/config/project-config.js';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadWorkspace, type CheckedFile } from '../../src/cli/load-workspace.js';
import { IssueCodes } from '../../src/language/validation/issue-codes.js';
import { codeOf } from '../../src/language/validation/report.js';
import { severityName } from '../../src/language/validation/severity.js';
import { documentedExamples, documentedSeverities, messagePattern } from '../helpers/diagnostics-docs.js';

// Every example of docs/diagnostics.md, checked the way `meso check` checks files: each saved
// in a folder of its own (under the name its section gives), all loaded in one run.
const examples = documentedExamples();
let dir: string;
let checked: Map<string, CheckedFile>;

/** The bytes of an example: UTF-8, or for the plain-fenced `not-text` example, Latin-1 as its prose says. */
function bytesOf(e: (typeof examples)[number]): Buffer {
    return Buffer.from(e.text, e.fence === 'meso' ? 'utf8' : 'latin1');
}

beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'meso-docs-'));
    const paths = examples.filter(e => e.fence !== 'json').map(e => {
        mkdirSync(join(dir, e.code));
        const path = join(dir, e.code, e.fileName);
        writeFileSync(path, bytesOf(e));
        return path;
    });
    const { files } = await loadWorkspace(paths, { root: dir });
    checked = new Map(files.map(f => [f.path, f]));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('docs/diagnostics.md', () => {
    test('the summary table lists exactly the codes of IssueCodes, and every code has an example', () => {
        const codes = Object.values(IssueCodes).sort();
        expect([...documentedSeverities().keys()].sort()).toEqual(codes);
        expect(examples.map(e => e.code).sort()).toEqual(codes);
    });

    test('the only example that is not a ```meso block is the Latin-1 file of not-text', () => {
        expect(examples.filter(e => e.fence === 'plain').map(e => e.code)).toEqual([IssueCodes.NotText]);
    });

    test.each(examples.filter(e => e.fence === 'json').map(e => [e.code, e] as const))('the configuration example of %s gives its quoted messages', (_code, e) => {
        // A ```json example is a meso.config.json: `meso check` reports its problems as config-invalid (exit 2).
        const problems = parseProjectConfig(e.text).problems.map(p => p.message);
        expect(problems.length).toBeGreaterThan(0);
        for (const quoted of e.messages) expect(problems.some(m => messagePattern(quoted).test(m)), `'${quoted}' not among:\n${problems.join('\n')}`).toBe(true);
    });

    test.each(examples.filter(e => e.fence !== 'json').map(e => [e.code, e] as const))('the example of %s gives its code, severity and quoted message', (code, e) => {
        const file = checked.get(join(dir, code, e.fileName));
        expect(file, 'the example was loaded').toBeDefined();
        const all = file!.diagnostics.map(d => `${d.range.start.line + 1}:${d.range.start.character + 1} ${severityName(d)} ${codeOf(d)}: ${d.message}`).join('\n');
        const mine = file!.diagnostics.filter(d => codeOf(d) === code);
        expect(mine.length, `no ${code} in:\n${all}`).toBeGreaterThan(0);
        if (e.severity) expect(mine.map(severityName), all).toContain(e.severity);
        for (const quoted of e.messages) {
            expect(mine.map(d => String(d.message)).some(m => messagePattern(quoted).test(m)), `'${quoted}' not among:\n${all}`).toBe(true);
        }
    });
});
