import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';

/**
 * The most diagnostics published for one document. A document of 200,000 lexer errors made one
 * publishDiagnostics message of about 80 MB, which no client reads promptly and no one reads
 * at all; beyond this many, the rest are summed up in one last diagnostic (the CLI still
 * reports every one).
 */
export const MAX_PUBLISHED_DIAGNOSTICS = 1000;

const rank = (d: Diagnostic) => d.severity ?? DiagnosticSeverity.Error;

/** Most severe first, then the earliest in the document. */
function compare(a: Diagnostic, b: Diagnostic): number {
    return rank(a) - rank(b) || a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
}

/**
 * At most `max` of `diagnostics`: the most severe (errors, then warnings, information, hints),
 * the earliest in the document among equals, kept in their order and followed by one
 * diagnostic saying how many more there are, at the first of those left out and with its
 * severity (the most severe left out). Under the cap, `diagnostics` itself.
 */
export function capDiagnostics(diagnostics: Diagnostic[], moreMessage: (count: number) => string, max = MAX_PUBLISHED_DIAGNOSTICS): Diagnostic[] {
    if (diagnostics.length <= max) return diagnostics;
    const order = diagnostics.map((_, i) => i).sort((i, j) => compare(diagnostics[i], diagnostics[j]) || i - j);
    const keep = new Set(order.slice(0, max));
    const firstLeftOut = diagnostics[order[max]];
    return [
        ...diagnostics.filter((_, i) => keep.has(i)),
        { range: firstLeftOut.range, severity: rank(firstLeftOut), source: 'meso', message: moreMessage(diagnostics.length - max) }
    ];
}
