import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SeverityName } from '../../src/language/validation/severity.js';

/**
 * What docs/diagnostics.md says, read from the page itself so that the tests hold the docs to
 * the code: the default severity of every code (its summary table) and each code's example
 * (the first fenced block after `**Example**`, the file name of a "Saved as `x.meso`" line, and
 * the messages quoted after "the example gives").
 */
export const DIAGNOSTICS_DOC = join(import.meta.dirname, '../../docs/diagnostics.md');

const SEVERITIES: readonly SeverityName[] = ['error', 'warning', 'info', 'hint'];

function docText(): string {
    return readFileSync(DIAGNOSTICS_DOC, 'utf8');
}

/**
 * The default severity of each code, from the summary table's "default severity" column:
 * its first word when that is a severity (`error, or as declared` → error, `warning (as
 * declared)` → warning); absent when the declaration always sets it (`as declared`).
 */
export function documentedSeverities(text = docText()): ReadonlyMap<string, SeverityName | undefined> {
    const result = new Map<string, SeverityName | undefined>();
    for (const m of text.matchAll(/^\| `([a-z-]+)` \| ([^|]+) \|/gm)) {
        const first = /^[a-z]+/.exec(m[2].trim())?.[0] as SeverityName | undefined;
        result.set(m[1], first && SEVERITIES.includes(first) ? first : undefined);
    }
    return result;
}

export interface DocumentedExample {
    readonly code: string;
    /** The `**Severity**` line's severity when it is one word, else undefined (`as declared`). */
    readonly severity: SeverityName | undefined;
    /** The file name the section saves the example as, else `<code>.meso`. */
    readonly fileName: string;
    readonly text: string;
    /** Whether the fence is ```` ```meso ```` (UTF-8 text) or a plain fence (bytes described in prose). */
    readonly fence: 'meso' | 'json' | 'plain';
    /** Messages quoted as "the example gives `…`", whitespace-collapsed; `…` stands for any text. */
    readonly messages: readonly string[];
}

/** Every `## \`code\`` section's example. */
export function documentedExamples(text = docText()): DocumentedExample[] {
    return text.split(/^(?=## `)/m).filter(s => s.startsWith('## `')).flatMap(section => {
        const code = /^## `([a-z-]+)`/.exec(section)![1];
        const example = /\*\*Example\*\*:[^\n]*\n\s*\n```(meso|json)?\n([\s\S]*?)```/.exec(section);
        if (!example) return [];
        const severityWord = /\*\*Severity\*\*: ([a-z ]+)\./.exec(section)?.[1];
        const severity = SEVERITIES.includes(severityWord as SeverityName) ? severityWord as SeverityName : undefined;
        const fileName = /Saved as `([^`]+\.(?:meso|json))`/.exec(section)?.[1] ?? `${code}.meso`;
        const messages = [...section.matchAll(/example gives `([^`]+)`/g)].map(m => m[1].replace(/\s+/g, ' '));
        return [{ code, severity, fileName, text: example[2], fence: (example[1] ?? 'plain') as 'meso' | 'json' | 'plain', messages }];
    });
}

/** A quoted message as a pattern: `…` matches any text, everything else literally. */
export function messagePattern(quoted: string): RegExp {
    return new RegExp(`^${quoted.split('…').map(p => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
}
