import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { userEnv } from './child-process.js';

// Runs the steps of a GitHub composite action, or of a workflow job, as the runner does: each
// `run:` written to a file and run with `bash --noprofile --norc -eo pipefail {0}` (the runner's
// command for `shell: bash`), in the workspace, with the INPUT_* and GITHUB_* variables and a
// fresh $GITHUB_OUTPUT per step; `${{ inputs.x }}` and `${{ steps.id.outputs.x }}` are evaluated
// in `env:` and `with:` values, where the runner evaluates them.

export interface ActionStep {
    readonly name?: string;
    readonly id?: string;
    readonly uses?: string;
    readonly run?: string;
    readonly shell?: string;
    readonly if?: string;
    readonly env?: Record<string, string>;
    readonly with?: Record<string, string | number | boolean>;
}

export interface ActionManifest {
    readonly inputs: Record<string, { readonly default?: string }>;
    readonly outputs: Record<string, { readonly value: string }>;
    readonly runs: { readonly using: string; readonly steps: ActionStep[] };
}

export interface StepResult { readonly code: number | null; readonly out: string; readonly err: string; readonly outputs: Record<string, string> }

export interface RunnerContext {
    /** $GITHUB_WORKSPACE, the current folder of every step. */
    readonly workspace: string;
    /** $RUNNER_TEMP. */
    readonly temp: string;
    /** The step outputs so far, by step id. */
    readonly steps: Record<string, { outputs: Record<string, string> }>;
}

export function newRunner(workspace: string): RunnerContext {
    return { workspace, temp: mkdtempSync(join(workspace, '..', 'runner-temp-')), steps: {} };
}

export function readAction(file: string): ActionManifest {
    return yaml.load(readFileSync(file, 'utf8')) as ActionManifest;
}

/** Evaluates the `${{ … }}` expressions the tests need: inputs and step outputs. */
export function evaluate(value: string, inputs: Record<string, string>, ctx: RunnerContext): string {
    return value.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_, expr: string) => {
        const input = /^inputs\.([\w-]+)$/.exec(expr);
        if (input) return inputs[input[1]] ?? '';
        const output = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(expr);
        if (output) return ctx.steps[output[1]]?.outputs[output[2]] ?? '';
        throw new Error(`expression not supported by the test runner: ${expr}`);
    });
}

/** Reads $GITHUB_OUTPUT: `name=value` lines and `name<<DELIMITER` blocks. */
export function parseOutputFile(text: string): Record<string, string> {
    const outputs: Record<string, string> = {};
    const lines = text.split('\n');
    for (let i = 0; i < lines.length; i++) {
        const heredoc = /^([^=]+)<<(.+)$/.exec(lines[i]);
        if (heredoc) {
            const end = lines.indexOf(heredoc[2], i + 1);
            outputs[heredoc[1]] = lines.slice(i + 1, end).join('\n');
            i = end;
        } else if (lines[i].includes('=')) {
            outputs[lines[i].slice(0, lines[i].indexOf('='))] = lines[i].slice(lines[i].indexOf('=') + 1);
        }
    }
    return outputs;
}

/** Runs one `run:` step with `shell: bash` as the runner does. */
export function runStep(step: ActionStep, env: Record<string, string>, ctx: RunnerContext): StepResult {
    if (step.shell !== undefined && step.shell !== 'bash') throw new Error(`step '${step.name}': shell ${step.shell} is not bash`);
    const script = join(ctx.temp, `step-${Object.keys(ctx.steps).length}-${Math.random().toString(36).slice(2)}.sh`);
    const outputFile = `${script}.output`;
    writeFileSync(script, step.run ?? '');
    writeFileSync(outputFile, '');
    const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], {
        cwd: ctx.workspace,
        encoding: 'utf8',
        timeout: 120_000,
        env: userEnv({
            CI: 'true', GITHUB_ACTIONS: 'true', GITHUB_WORKSPACE: ctx.workspace, GITHUB_OUTPUT: outputFile,
            GITHUB_ENV: `${script}.env`, GITHUB_STEP_SUMMARY: `${script}.summary`, RUNNER_TEMP: ctx.temp, RUNNER_OS: 'Linux', ...env
        })
    });
    if (r.error) throw r.error;
    const result = { code: r.status, out: r.stdout, err: r.stderr, outputs: parseOutputFile(readFileSync(outputFile, 'utf8')) };
    if (step.id) ctx.steps[step.id] = { outputs: result.outputs };
    return result;
}

/**
 * Runs a composite action (its folder is $GITHUB_ACTION_PATH) with the `with:` values of a step,
 * the defaults of the other inputs, and returns what its steps printed and its outputs.
 */
export function runCompositeAction(actionPath: string, withInputs: Record<string, string | number | boolean>, ctx: RunnerContext): StepResult {
    const action = readAction(join(actionPath, 'action.yml'));
    if (action.runs.using !== 'composite') throw new Error('not a composite action');
    const unknown = Object.keys(withInputs).filter(k => !(k in action.inputs));
    if (unknown.length) throw new Error(`inputs the action does not declare: ${unknown.join(', ')}`);
    const inputs = Object.fromEntries(Object.entries(action.inputs).map(([name, spec]) => [name, name in withInputs ? String(withInputs[name]) : spec.default ?? '']));
    const inputEnv = Object.fromEntries(Object.entries(inputs).map(([name, value]) => [`INPUT_${name.toUpperCase().replace(/ /g, '_')}`, value]));
    const inner: RunnerContext = { ...ctx, steps: {} };
    let out = '';
    let err = '';
    let code: number | null = 0;
    for (const step of action.runs.steps) {
        if (step.uses) throw new Error(`step '${step.name}' uses ${step.uses}: the action must run its own bundle`);
        const env = Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, evaluate(String(v), inputs, inner)]));
        const r = runStep(step, { ...inputEnv, GITHUB_ACTION_PATH: actionPath, ...env }, inner);
        out += r.out;
        err += r.err;
        code = r.code;
        if (code !== 0) break;
    }
    const outputs = Object.fromEntries(Object.entries(action.outputs).map(([name, spec]) => [name, evaluate(spec.value, inputs, inner)]));
    return { code, out, err, outputs };
}
