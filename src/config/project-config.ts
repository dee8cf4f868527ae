import { getNodeValue, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser/lib/esm/main.js';
import { IssueCodes, UNSUPPRESSIBLE } from '../language/validation/issue-codes.js';
import { closest } from '../language/validation/spelling.js';
import type { ConfiguredSeverity, ProjectSettings } from '../language/workspace/project-settings.js';

/** The project configuration file, at the project root (docs/configuration.md). */
export const CONFIG_FILE_NAME = 'meso.config.json';

/** A problem of a configuration file, at its place (0-based line and character, as LSP). */
export interface ConfigProblem {
    readonly line: number;
    readonly character: number;
    readonly endLine: number;
    readonly endCharacter: number;
    readonly message: string;
}

/** What a configuration file says, as read: settings relative to the file's folder. */
export interface ParsedConfig {
    readonly profile?: string;
    readonly severities: Record<string, ConfiguredSeverity>;
    /** Formulary paths as written (relative to the configuration file's folder). */
    readonly formularies: string[];
    readonly ignore: string[];
    readonly problems: ConfigProblem[];
    /** Where `profile` is written, to report an unknown profile once the workspace is loaded. */
    readonly profileAt?: ConfigProblem;
    /** Where each of `formularies` is written (same order), to report one that cannot be read. */
    readonly formulariesAt: ConfigProblem[];
}

const KEYS = ['$schema', 'profile', 'severities', 'formularies', 'ignore'] as const;
const SEVERITIES: readonly string[] = ['error', 'warning', 'info', 'off'];
const CODES: readonly string[] = Object.values(IssueCodes);

function place(text: string, offset: number, length: number, message: string): ConfigProblem {
    const start = position(text, offset);
    const end = position(text, offset + length);
    return { line: start.line, character: start.character, endLine: end.line, endCharacter: end.character, message };
}

function position(text: string, offset: number): { line: number; character: number } {
    let line = 0;
    let lineStart = 0;
    for (let i = 0; i < offset && i < text.length; i++) {
        if (text[i] === '\n') { line++; lineStart = i + 1; }
    }
    return { line, character: offset - lineStart };
}

function suggestion(word: string, candidates: readonly string[]): string {
    const near = closest(word, candidates);
    return near ? ` Did you mean '${near}'?` : '';
}

/**
 * Reads the text of a `meso.config.json`. Pure: the shells read the file and pass its text.
 * Every problem has its place; a bad value is left out of the settings (never guessed).
 */
export function parseProjectConfig(text: string): ParsedConfig {
    const problems: ConfigProblem[] = [];
    const errors: ParseError[] = [];
    const root = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
    for (const e of errors) problems.push(place(text, e.offset, Math.max(e.length, 1), `${CONFIG_FILE_NAME} is not valid JSON: ${printParseErrorCode(e.error)}.`));
    const result: { profile?: string; severities: Record<string, ConfiguredSeverity>; formularies: string[]; ignore: string[]; profileAt?: ConfigProblem; formulariesAt: ConfigProblem[] } = { severities: {}, formularies: [], ignore: [], formulariesAt: [] };
    if (!root || errors.length > 0) return { ...result, problems };
    if (root.type !== 'object') {
        problems.push(place(text, root.offset, root.length, `${CONFIG_FILE_NAME} must hold a JSON object.`));
        return { ...result, problems };
    }
    for (const property of root.children ?? []) {
        const [keyNode, valueNode] = property.children ?? [];
        const key = String(keyNode?.value);
        if (!KEYS.includes(key as typeof KEYS[number])) {
            problems.push(place(text, keyNode.offset, keyNode.length, `Unknown setting '${key}'; the settings are ${KEYS.filter(k => k !== '$schema').map(k => `'${k}'`).join(', ')}.${suggestion(key, KEYS)}`));
            continue;
        }
        if (!valueNode) continue;
        if (key === 'profile') readProfile(text, valueNode, result, problems);
        if (key === 'severities') readSeverities(text, valueNode, result.severities, problems);
        if (key === 'formularies' || key === 'ignore') readStrings(text, key, valueNode, result[key], problems, key === 'formularies' ? result.formulariesAt : []);
    }
    return { ...result, problems };
}

function readProfile(text: string, node: Node, result: { profile?: string; profileAt?: ConfigProblem }, problems: ConfigProblem[]): void {
    if (node.type !== 'string') {
        problems.push(place(text, node.offset, node.length, `'profile' must be a profile name such as "label", "sfm-fr" or "sim-it".`));
        return;
    }
    result.profile = String(node.value);
    result.profileAt = place(text, node.offset, node.length, '');
}

function readSeverities(text: string, node: Node, severities: Record<string, ConfiguredSeverity>, problems: ConfigProblem[]): void {
    if (node.type !== 'object') {
        problems.push(place(text, node.offset, node.length, `'severities' must be an object from diagnostic codes to "error", "warning", "info" or "off".`));
        return;
    }
    for (const entry of node.children ?? []) {
        const [codeNode, valueNode] = entry.children ?? [];
        const code = String(codeNode.value);
        if (!CODES.includes(code)) {
            problems.push(place(text, codeNode.offset, codeNode.length, `Unknown diagnostic code '${code}' (docs/diagnostics.md lists them).${suggestion(code, CODES)}`));
            continue;
        }
        const value = valueNode ? getNodeValue(valueNode) as unknown : undefined;
        if (typeof value !== 'string' || !SEVERITIES.includes(value)) {
            const near = typeof value === 'string' ? suggestion(value, SEVERITIES) : '';
            problems.push(place(text, valueNode?.offset ?? codeNode.offset, valueNode?.length ?? codeNode.length, `The severity of '${code}' must be "error", "warning", "info" or "off".${near}`));
            continue;
        }
        if (UNSUPPRESSIBLE.has(code) && value !== 'error') {
            problems.push(place(text, valueNode!.offset, valueNode!.length, `'${code}' cannot be set to "${value}": doses, allergies, withdrawn products and errors that leave part of a file unchecked stay errors.`));
            continue;
        }
        if (code === IssueCodes.Contraindicated && value === 'off') {
            problems.push(place(text, valueNode!.offset, valueNode!.length, `'contraindicated' cannot be turned off: an error-severity contraindication must be fixed (lower it per rule in a formulary instead).`));
            continue;
        }
        severities[code] = value as ConfiguredSeverity;
    }
}

function readStrings(text: string, key: string, node: Node, into: string[], problems: ConfigProblem[], places: ConfigProblem[]): void {
    const items = node.type === 'array' ? node.children ?? [] : undefined;
    if (!items) {
        problems.push(place(text, node.offset, node.length, `'${key}' must be an array of strings.`));
        return;
    }
    for (const item of items) {
        if (item.type !== 'string') problems.push(place(text, item.offset, item.length, `'${key}' must be an array of strings.`));
        else if (key === 'formularies' && !String(item.value).endsWith('.meso')) problems.push(place(text, item.offset, item.length, `A formulary must be a .meso file: '${String(item.value)}'.`));
        else {
            into.push(String(item.value));
            places.push(place(text, item.offset, item.length, ''));
        }
    }
}

/** The problem of an unknown profile, once the declared profiles are known. */
export function unknownProfileProblem(parsed: ParsedConfig, declared: readonly string[]): ConfigProblem | undefined {
    if (parsed.profile === undefined || !parsed.profileAt || declared.includes(parsed.profile)) return undefined;
    return { ...parsed.profileAt, message: `Unknown profile '${parsed.profile}'; the profiles are ${declared.map(p => `'${p}'`).join(', ')}.${suggestion(parsed.profile, declared)}` };
}

/** The problem of a formulary that cannot be read (`meso check` stops on it: exit 2), at its entry. */
export function formularyProblem(at: ConfigProblem, written: string, reason: string): ConfigProblem {
    return { ...at, message: `The formulary '${written}' cannot be read: ${reason}.` };
}

/** The settings a parsed configuration gives, its formularies made absolute with `resolve`. */
export function toSettings(parsed: ParsedConfig, resolve: (relative: string) => string, declaredProfiles?: readonly string[]): ProjectSettings {
    const profileKnown = parsed.profile !== undefined && (!declaredProfiles || declaredProfiles.includes(parsed.profile));
    return {
        profile: profileKnown ? parsed.profile : undefined,
        severities: parsed.severities,
        formularies: parsed.formularies.map(resolve),
        ignore: parsed.ignore
    };
}

