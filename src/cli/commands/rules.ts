import * as path from 'node:path';
import { URI } from 'langium';
import { isModel } from '../../language/generated/ast.js';
import { effectiveRules, type EffectiveRule } from '../../language/semantics/effective-rules.js';
import { CliError, ExitCode } from '../exit-codes.js';
import { resolveInputs, type InputOptions } from '../inputs.js';
import { loadWorkspace } from '../load-workspace.js';

export interface RulesOptions extends InputOptions {
    readonly write: (text: string) => void;
}

function origin(rule: EffectiveRule): string {
    const where = `${rule.file}:${rule.line}`;
    const via = rule.viaClass ? `, class ${rule.viaClass}` : '';
    if (rule.origin === 'profile') return `profile ${rule.profile} (${where}${via})`;
    return `${rule.origin} (${where}${via})`;
}

function line(rule: EffectiveRule): string {
    return `    ${rule.text}  [${origin(rule)}]`;
}

/**
 * `meso rules <file>`: the rules in force for each protocol of a file (profile, limits and
 * skin-test policy, each substance's rules, interactions among its substances, procedure-wide
 * contraindications, configured severities), each with where it comes from.
 */
export async function rulesCommand(file: string, options: RulesOptions): Promise<ExitCode> {
    const cwd = options.cwd ?? process.cwd();
    const { files, root, config } = await resolveInputs([file], { ...options, cwd });
    const target = path.resolve(cwd, file);
    if (!files.includes(target)) throw new CliError(`${file}: not a .meso file to read rules for.`);
    const { services, files: loaded } = await loadWorkspace([target], { root, maxBytes: options.maxBytes, config });
    const document = loaded.find(f => f.path === target)?.document;
    const model = document?.parseResult.value;
    if (!document || !isModel(model)) throw new CliError(`${file}: could not be read.`);
    const show = (uri: string) => path.relative(cwd, URI.parse(uri).fsPath).split(path.sep).join('/');
    const out: string[] = [`Rules in force for ${show(document.uri.toString())}`];
    out.push(config ? `Configuration: ${show(URI.file(config.path).toString())}` : 'Configuration: none (meso.config.json not found)');
    const severities = Object.entries(services.workspace.ProjectSettings.forDocument(document.uri)?.severities ?? {});
    if (severities.length > 0) out.push(`Severities [config]: ${severities.map(([code, s]) => `${code} ${s}`).join(', ')}`);
    const protocols = effectiveRules(model, services, show);
    if (protocols.length === 0) out.push('', 'No protocol in this file.');
    for (const p of protocols) {
        out.push('', `protocol ${p.protocol}: profile ${p.profile} [${p.profileOrigin === 'default' ? 'default' : p.profileOrigin}]`);
        const section = (title: string, rules: readonly EffectiveRule[]) => {
            if (rules.length === 0) return;
            out.push(`  ${title}`, ...rules.map(line));
        };
        section('limits', p.limits);
        for (const s of p.substances) section(`substance ${s.substance}`, s.rules);
        section('interactions', p.interactions);
        section('contraindications (procedure)', p.contraindications);
    }
    options.write(out.join('\n') + '\n');
    return ExitCode.Ok;
}
