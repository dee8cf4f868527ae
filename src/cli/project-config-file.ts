import * as path from 'node:path';
import { URI } from 'langium';
import { parseProjectConfig, toSettings, unknownProfileProblem, type ConfigProblem, type ParsedConfig } from '../config/project-config.js';
import { readRegularFile } from '../files/read-file.js';
import { decodeMesoText } from '../language/workspace/decode-text.js';
import type { ProjectSettings } from '../language/workspace/project-settings.js';
import { IssueCodes } from '../language/validation/issue-codes.js';
import { CliError, CliProblems } from './exit-codes.js';

/** A project configuration file as the CLI read it. */
export interface ProjectConfigFile {
    readonly path: string;
    readonly folder: string;
    readonly parsed: ParsedConfig;
}

export { findProjectConfig } from '../config/find-project-config.js';

/** One line per problem, as `meso check` prints diagnostics (exit 2 follows). */
export function formatConfigProblems(file: string, problems: readonly ConfigProblem[], cwd: string): string[] {
    const shown = path.relative(cwd, file) || file;
    return problems.map(p => `${shown}:${p.line + 1}:${p.character + 1}: error ${IssueCodes.ConfigInvalid}: ${p.message}`);
}

/** Reads and checks the configuration; a file that cannot be read or has problems is a `CliError` (exit 2). */
export function readProjectConfig(file: string, cwd: string): ProjectConfigFile {
    const read = readRegularFile(file, {});
    if (!read.ok) throw new CliError(`${file}: cannot read the file: ${read.reason}.`);
    const decoded = decodeMesoText(read.bytes);
    const parsed = parseProjectConfig(decoded.ok ? decoded.text : '');
    if (!decoded.ok) throw new CliError(`${file}: not UTF-8 text.`);
    if (parsed.problems.length > 0) throw new CliProblems(formatConfigProblems(file, parsed.problems, cwd));
    return { path: file, folder: path.dirname(file), parsed };
}

/** The configuration's settings, after checking its profile against the declared ones (else a `CliError`). */
export function settingsOf(config: ProjectConfigFile, declaredProfiles: readonly string[], cwd: string): ProjectSettings {
    const problem = unknownProfileProblem(config.parsed, declaredProfiles);
    if (problem) throw new CliProblems(formatConfigProblems(config.path, [problem], cwd));
    return toSettings(config.parsed, rel => URI.file(path.resolve(config.folder, rel)).toString(), declaredProfiles);
}

/** The configuration's ignore patterns, made relative to `cwd` (the CLI's patterns are). */
export function ignorePatternsOf(config: ProjectConfigFile | undefined, cwd: string): string[] {
    if (!config) return [];
    const prefix = path.relative(cwd, config.folder).split(path.sep).join('/');
    return config.parsed.ignore.map(p => (prefix && !prefix.startsWith('..') ? `${prefix}/${p.replace(/^\//, '')}` : p));
}
