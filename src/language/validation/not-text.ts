import type { Diagnostic } from 'vscode-languageserver-types';
import { IssueCodes } from './issue-codes.js';
import { Severity } from './severity.js';

/** The one error of a file that is not UTF-8 text, on the character at its first bad byte. */
export function notTextDiagnostic(message: string, line: number, character: number): Diagnostic {
    return {
        range: { start: { line, character }, end: { line, character: character + 1 } },
        severity: Severity.Error, source: 'meso', code: IssueCodes.NotText, message, data: { code: IssueCodes.NotText }
    };
}
