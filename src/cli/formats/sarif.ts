import { pathToFileURL } from 'node:url';
import { fingerprints, type ProblemReport } from '../problems.js';

/** What SARIF needs to know of one rule (diagnostic code). */
export interface RuleInfo {
    readonly id: string;
    readonly summary: string;
    readonly severity: string;
    /** Where the rule is documented (`docs/diagnostics.md#<code>`). */
    readonly helpUri: string;
}

export interface SarifTool {
    readonly version: string;
    /** The tool's home page. */
    readonly informationUri: string;
    /** The folder the result paths are relative to (the current folder): `%SRCROOT%`. */
    readonly root: string;
}

const LEVEL = { error: 'error', warning: 'warning', info: 'note', hint: 'note' } as const;

/**
 * A rule's `name`: the code in PascalCase (`overdose-session` → `OverdoseSession`). SARIF wants
 * it to differ from the opaque `id`, which a one-word code in PascalCase does not (the
 * Multitool compares them ignoring case), so those get `Check`: `allergy` → `AllergyCheck`.
 */
export function ruleName(id: string): string {
    const pascal = id.replace(/(^|-)([a-z0-9])/g, (_, _d: string, c: string) => c.toUpperCase());
    return pascal.toLowerCase() === id.toLowerCase() ? `${pascal}Check` : pascal;
}

/** A relative path as a URI reference: each segment percent-encoded (spaces, `%`, `#`, `:`…). */
export function relativeUri(file: string): string {
    return file.split('/').map(encodeURIComponent).join('/');
}

/**
 * SARIF 2.1.0 for GitHub code scanning: one run, the rules (every documented code, with its
 * summary and the link to its documentation), one result per problem with its region and a
 * stable fingerprint. Result paths are relative URIs against `%SRCROOT%`, the folder meso ran
 * in, given as an absolute `file:` URI ending in `/` (the checkout for the Action). Checked by
 * the SARIF Multitool in the tests, default rules and GitHub's (test/cli/sarif-multitool).
 */
export function formatSarif(report: ProblemReport, rules: RuleInfo[], tool: SarifTool): string {
    const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
    const prints = fingerprints(report);
    const results = report.problems.map((p, i) => ({
        ruleId: p.code,
        ...(ruleIndex.has(p.code) && { ruleIndex: ruleIndex.get(p.code) }),
        level: LEVEL[p.severity],
        message: { text: p.message },
        locations: [{
            physicalLocation: {
                artifactLocation: { uri: relativeUri(p.file), uriBaseId: '%SRCROOT%' },
                region: { startLine: p.line, startColumn: p.column, endLine: p.endLine, endColumn: p.endColumn }
            }
        }],
        partialFingerprints: { 'mesoProblem/v1': prints[i] }
    }));
    const root = pathToFileURL(tool.root).href;
    const log = {
        $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
        version: '2.1.0',
        runs: [{
            tool: {
                driver: {
                    name: 'meso',
                    version: tool.version,
                    informationUri: tool.informationUri,
                    rules: rules.map(r => ({
                        id: r.id,
                        name: ruleName(r.id),
                        shortDescription: { text: r.summary },
                        fullDescription: { text: r.summary },
                        helpUri: r.helpUri,
                        help: { text: `Run 'meso explain ${r.id}' for details, an example and how to fix or accept it; or see ${r.helpUri}.` },
                        defaultConfiguration: { level: LEVEL[(r.severity as keyof typeof LEVEL)] ?? 'warning' }
                    }))
                }
            },
            originalUriBaseIds: { '%SRCROOT%': { uri: root.endsWith('/') ? root : `${root}/` } },
            results
        }]
    };
    return JSON.stringify(log, null, 2) + '\n';
}
