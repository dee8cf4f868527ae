import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { afterAll, beforeEach, describe, expect, test } from 'vitest';
import { evaluate, newRunner, readAction, runCompositeAction, runStep, type ActionStep, type RunnerContext } from '../helpers/action-runner.js';
import { root, tempDir } from '../helpers/compile.js';
import { classifyCiSnippet, readmeCiSnippets } from '../helpers/readme-ci.js';
import { clinicFiles, writeFiles } from './ci-fixtures.js';

// The GitHub Action (action.yml) run as the runner runs a composite action: every `run:` with
// `bash --noprofile --norc -eo pipefail {0}` and the INPUT_*/GITHUB_* variables, on a scratch
// workspace with protocols in nested folders and a folder whose name holds a space.

const annotated = (out: string) => [...out.matchAll(/^::(error|warning|notice) file=([^,]+),line=(\d+)/gm)].map(m => `${m[1]} ${m[2]}:${m[3]}`).sort();

describe('the GitHub Action', { timeout: 90_000 }, () => {
    const dir = tempDir('meso-action-');
    let ctx: RunnerContext;
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    beforeEach(() => {
        const workspace = join(dir, `ws-${Math.random().toString(36).slice(2)}`);
        writeFiles(workspace, clinicFiles);
        ctx = newRunner(workspace);
    });

    test('installs and builds nothing: its steps run the committed bundle, and no expression reaches a script', () => {
        const action = readAction(join(root, 'action.yml'));
        expect(action.runs.using).toBe('composite');
        for (const step of action.runs.steps) {
            expect(step.uses, step.name).toBeUndefined();
            expect(step.shell, step.name).toBe('bash');
            expect(step.run, step.name).not.toMatch(/\bnpm\b|\bnpx\b|\$\{\{/);
        }
        expect(action.runs.steps.map(s => s.run).join('\n')).toContain('"$GITHUB_ACTION_PATH/dist/meso.cjs"');
        expect(Object.keys(action.outputs).sort()).toEqual(['errors', 'sarif-file', 'warnings']);
    });

    test('paths, one per line: ** recurses, a space stays in its path, files not named are not checked; counts as outputs', () => {
        const r = runCompositeAction(root, { paths: 'protocols/**/*.meso\nshared formulary/with space.meso\n', format: 'github' }, ctx);
        expect(r.err).toBe('');
        expect(r.code).toBe(1);
        expect(annotated(r.out)).toEqual([
            'error protocols/knee/left/deep.meso:4', 'error protocols/top.meso:4', 'error shared formulary/with space.meso:4', 'warning protocols/knee/mid.meso:4'
        ]);
        expect(r.outputs).toMatchObject({ errors: '3', warnings: '1' });
    });

    test('sarif: the log is written where sarif-file says, with the counts; blank lines and surrounding blanks dropped', () => {
        const r = runCompositeAction(root, { paths: '  protocols  \r\n\n', format: 'sarif', 'sarif-file': 'meso results.sarif' }, ctx);
        expect(r.err).toBe('');
        expect(r.code).toBe(1);
        expect(r.out).toBe('');
        expect(r.outputs).toEqual({ errors: '2', warnings: '1', 'sarif-file': 'meso results.sarif' });
        const sarif = JSON.parse(readFileSync(join(ctx.workspace, 'meso results.sarif'), 'utf8'));
        expect(sarif.runs[0].results.map((x: { level: string }) => x.level).sort()).toEqual(['error', 'error', 'warning']);
    });

    test('max-warnings: warnings fail the step only past it', () => {
        const within = runCompositeAction(root, { paths: 'protocols/knee/mid.meso' }, ctx);
        expect(within).toMatchObject({ code: 0, outputs: { errors: '0', warnings: '1' } });
        const over = runCompositeAction(root, { paths: 'protocols/knee/mid.meso', 'max-warnings': 0 }, ctx);
        expect(over).toMatchObject({ code: 1, outputs: { errors: '0', warnings: '1' } });
    });

    test('a pattern that matches nothing fails the step with meso\'s message', () => {
        const r = runCompositeAction(root, { paths: 'protocol/**/*.meso' }, ctx);
        expect(r.code).toBe(2);
        expect(r.err).toContain("meso: no .meso files match 'protocol/**/*.meso'");
    });

    test('the README\'s workflow and step snippets, run as a job', () => {
        const snippets = readmeCiSnippets().filter(s => classifyCiSnippet(s.text)?.startsWith('workflow'));
        expect(snippets.map(s => classifyCiSnippet(s.text))).toEqual(['workflow', 'workflow-step']);
        const workflow = yaml.load(snippets[0].text) as { jobs: Record<string, { steps: ActionStep[] }> };
        const [job] = Object.values(workflow.jobs);
        const log = runJob(job.steps, ctx);
        expect(log.at(-1)).toBe('meso found 3 errors and 1 warnings\n');
        const sarif = JSON.parse(readFileSync(join(ctx.workspace, 'meso.sarif'), 'utf8'));
        expect(sarif.runs[0].results.map((x: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) =>
            decodeURIComponent(x.locations[0].physicalLocation.artifactLocation.uri)).sort())
            .toEqual(['protocols/knee/left/deep.meso', 'protocols/knee/mid.meso', 'protocols/top.meso', 'shared formulary/with space.meso']);

        const steps = yaml.load(snippets[1].text) as ActionStep[];
        expect(steps).toHaveLength(1);
        const inline = runCompositeAction(root, steps[0].with ?? {}, ctx);
        expect(inline.code).toBe(1);
        expect(annotated(inline.out)).toEqual(['error protocols/knee/left/deep.meso:4', 'error protocols/top.meso:4', 'warning protocols/knee/mid.meso:4']);
    });
});

/**
 * The steps of a job: checkout and setup-node are the workspace and Node this test already has;
 * this repository's action runs through runCompositeAction; upload-sarif needs its file; `run:`
 * steps run as the runner runs them. Returns what each `run:` printed.
 */
function runJob(steps: ActionStep[], ctx: RunnerContext): string[] {
    const printed: string[] = [];
    let failed = false;
    for (const step of steps) {
        if (failed && step.if !== 'always()') continue;
        const withInputs = Object.fromEntries(Object.entries(step.with ?? {}).map(([k, v]) => [k, evaluate(String(v), {}, ctx)]));
        if (step.uses?.startsWith('actions/checkout@') || step.uses?.startsWith('actions/setup-node@')) continue;
        if (step.uses?.startsWith('your-org/meso@')) {
            const r = runCompositeAction(root, withInputs, ctx);
            if (step.id) ctx.steps[step.id] = { outputs: r.outputs };
            failed ||= r.code !== 0;
        } else if (step.uses?.startsWith('github/codeql-action/upload-sarif@')) {
            const file = join(ctx.workspace, withInputs.sarif_file);
            expect(existsSync(file), file).toBe(true);
            expect(JSON.parse(readFileSync(file, 'utf8')).version).toBe('2.1.0');
        } else if (step.run !== undefined) {
            const env = Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, evaluate(String(v), {}, ctx)]));
            const r = runStep(step, env, ctx);
            expect(r.code, r.err).toBe(0);
            printed.push(r.out);
        } else {
            throw new Error(`the test does not know how to run step ${JSON.stringify(step)}`);
        }
    }
    return printed;
}
