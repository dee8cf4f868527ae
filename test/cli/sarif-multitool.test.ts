import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import pkg from '../../package.json' with { type: 'json' };
import { root, tempDir } from '../helpers/compile.js';
import { runMeso } from '../helpers/faults.js';

// `meso check --format sarif` checked by Microsoft's SARIF Multitool (npm @microsoft/sarif-multitool),
// with its default rules and with GitHub code scanning's (--rule-kind "Sarif;Ghas" and GitHub's
// policy, test/fixtures/sarif/github-policy.config.xml): no error and no warning. Its Linux
// binary is called directly: the package's bin.js goes through /bin/sh, which cuts
// `--level "Error;Warning"` at the semicolon.

const require = createRequire(import.meta.url);
const multitool = join(dirname(require.resolve('@microsoft/sarif-multitool-linux/package.json')), 'Sarif.Multitool');
const POLICY = join(root, 'test/fixtures/sarif/github-policy.config.xml');
const GITHUB = ['--rule-kind', 'Sarif;Ghas', '--config', POLICY];

type Finding = { ruleId: string; level: string; text: string };

/** Runs `Sarif.Multitool validate` on a log and returns what it found at error and warning level. */
function validate(log: string, extra: string[] = []): Finding[] {
    const out = `${log}.validation.sarif`;
    const r = spawnSync(multitool, ['validate', log, '--level', 'Error;Warning', '--output', out, '--log', 'ForceOverwrite', ...extra],
        { encoding: 'utf8', timeout: 120_000, env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1' } });
    if (r.error || !existsSync(out)) throw new Error(`the SARIF Multitool did not run (${multitool}): ${r.error?.message ?? ''}${r.stdout}${r.stderr}`);
    const results = (JSON.parse(readFileSync(out, 'utf8')) as { runs: Array<{ results?: Array<{ ruleId: string; level?: string; message: { text?: string; id?: string } }> }> }).runs[0].results ?? [];
    // A result without a level is a warning (SARIF 3.27.10).
    return results.map(x => ({ ruleId: x.ruleId, level: x.level ?? 'warning', text: x.message.text ?? x.message.id ?? '' }))
        .filter(f => f.level === 'error' || f.level === 'warning');
}

let dir: string;
let log: string;

beforeAll(() => {
    dir = tempDir('meso-sarif-');
    const overdose = 'protocol p { indication pain patients from 60 kg mixture m { piroxicam 2 mL } session s { inject m } schedule { phase a: 2 sessions of s every 2 days } }\n';
    // Names a URI must encode: a space, non-ASCII, '#', '%' and ':'; and a nested folder.
    for (const [i, name] of ['plain.meso', 'with space é.meso', 'hash#and%percent.meso', 'colon:x.meso', 'nested/deep/n.meso'].entries()) {
        mkdirSync(join(dir, dirname(name)), { recursive: true });
        writeFileSync(join(dir, name), overdose.replace('protocol p ', `protocol p${i} `));
    }
    const r = runMeso(['check', '.', '--format', 'sarif', '-o', 'meso.sarif'], dir);
    expect(r.err).toBe('');
    expect(r.code).toBe(1);
    log = join(dir, 'meso.sarif');
}, 60_000);

describe('SARIF checked by the SARIF Multitool', () => {
    test('default rules: no error, no warning', () => {
        expect(validate(log)).toEqual([]);
    }, 120_000);

    test('GitHub code scanning\'s rules and policy: no error, no warning', () => {
        expect(validate(log, GITHUB)).toEqual([]);
    }, 120_000);

    test('the Multitool is not blind: the old log (a relative %SRCROOT%, raw paths, no start line) fails it', () => {
        const sarif = JSON.parse(readFileSync(log, 'utf8'));
        const run = sarif.runs[0];
        run.originalUriBaseIds['%SRCROOT%'].uri = './';
        run.results[0].locations[0].physicalLocation.artifactLocation.uri = 'with space é.meso';
        delete run.results[1].locations[0].physicalLocation.region.startLine;
        run.tool.driver.rules[0].name = run.tool.driver.rules[0].id;
        const bad = join(dir, 'bad.sarif');
        writeFileSync(bad, JSON.stringify(sarif));
        const found = new Set(validate(bad, GITHUB).map(f => f.ruleId));
        expect([...found].sort()).toEqual(expect.arrayContaining(['SARIF1001', 'SARIF1004', 'GH1003']));
    }, 120_000);
});

describe('what the log says of each rule and result', () => {
    test('every rule: a name unlike its id, a helpUri to its section of docs/diagnostics.md, the tool\'s informationUri from package.json', () => {
        const sarif = JSON.parse(readFileSync(log, 'utf8'));
        const driver = sarif.runs[0].tool.driver;
        const docs = readFileSync(join(root, 'docs/diagnostics.md'), 'utf8');
        const repository = pkg.repository.url.replace(/^git\+/, '').replace(/\.git$/, '');
        expect(driver.informationUri).toBe((pkg as { homepage?: string }).homepage ?? repository);
        expect(driver.rules.length).toBeGreaterThan(30);
        for (const rule of driver.rules as Array<{ id: string; name: string; helpUri: string }>) {
            expect(rule.name.toLowerCase()).not.toBe(rule.id.toLowerCase());
            expect(rule.name).toMatch(/^[A-Z][A-Za-z0-9]+$/);
            expect(rule.helpUri).toBe(`${repository}/blob/main/docs/diagnostics.md#${rule.id}`);
            expect(docs).toContain(`\n## \`${rule.id}\`\n`);
        }
        expect(driver.rules.find((r: { id: string }) => r.id === 'allergy').name).toBe('AllergyCheck');
        expect(driver.rules.find((r: { id: string }) => r.id === 'overdose-session').name).toBe('OverdoseSession');
    });

    test('result paths: relative URI references, percent-encoded, against an absolute file: %SRCROOT% ending in /', () => {
        const run = JSON.parse(readFileSync(log, 'utf8')).runs[0];
        expect(run.originalUriBaseIds['%SRCROOT%'].uri).toBe(`file://${dir}/`);
        const uris = (run.results as Array<{ locations: Array<{ physicalLocation: { artifactLocation: { uri: string; uriBaseId: string } } }> }>)
            .map(r => r.locations[0].physicalLocation.artifactLocation);
        expect(new Set(uris.map(u => u.uriBaseId))).toEqual(new Set(['%SRCROOT%']));
        expect(new Set(uris.map(u => u.uri))).toEqual(new Set(['colon%3Ax.meso', 'hash%23and%25percent.meso', 'nested/deep/n.meso', 'plain.meso', 'with%20space%20%C3%A9.meso']));
    });
});
