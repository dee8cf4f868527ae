import { createHash } from 'node:crypto';
import type { ProblemReport } from '../problems.js';

/** What SARIF needs to know of one rule (diagnostic code). */
export interface RuleInfo {
    readonly id: string;
    readonly summary: string;
    readonly severity: string;
}

const LEVEL = { error: 'error', warning: 'warning', info: 'note', hint: 'note' } as const;

/**
 * SARIF 2.1.0 for GitHub code scanning: one run, the rules (every documented code, with its
 * summary), one result per problem with its region and a stable fingerprint.
 */
export function formatSarif(report: ProblemReport, rules: RuleInfo[], version: string): string {
    const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
    const seen = new Map<string, number>();
    const results = report.problems.map(p => {
        // Same code, file and message: numbered so identical problems keep distinct fingerprints.
        const key = `${p.code}|${p.file}|${p.message}`;
        const n = (seen.get(key) ?? 0) + 1;
        seen.set(key, n);
        return {
            ruleId: p.code,
            ...(ruleIndex.has(p.code) && { ruleIndex: ruleIndex.get(p.code) }),
            level: LEVEL[p.severity],
            message: { text: p.message },
            locations: [{
                physicalLocation: {
                    artifactLocation: { uri: p.file, uriBaseId: '%SRCROOT%' },
                    region: { startLine: p.line, startColumn: p.column, endLine: p.endLine, endColumn: p.endColumn }
                }
            }],
            partialFingerprints: { 'mesoProblem/v1': createHash('sha256').update(`${key}|${n}`).digest('hex').slice(0, 32) }
        };
    });
    const log = {
        $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
        version: '2.1.0',
        runs: [{
            tool: {
                driver: {
                    name: 'meso',
                    version,
                    informationUri: 'https://example.invalid/meso',
                    rules: rules.map(r => ({
                        id: r.id,
                        name: r.id.replace(/(^|-)([a-z])/g, (_, _d: string, c: string) => c.toUpperCase()),
                        shortDescription: { text: r.summary },
                        fullDescription: { text: r.summary },
                        help: { text: `Run 'meso explain ${r.id}' for details, an example and how to fix or accept it.` },
                        defaultConfiguration: { level: LEVEL[(r.severity as keyof typeof LEVEL)] ?? 'warning' }
                    }))
                }
            },
            originalUriBaseIds: { '%SRCROOT%': { uri: './' } },
            results
        }]
    };
    return JSON.stringify(log, null, 2) + '\n';
}
