import { diagnosticDocs } from '../diagnostics-docs.generated.js';
import { CliError, ExitCode } from '../exit-codes.js';
import { closest } from '../../language/validation/spelling.js';

/** `meso explain <code>`: prints the documentation of one diagnostic code. */
export function explainCommand(code: string | undefined, write: (text: string) => void): ExitCode {
    if (!code) {
        write(diagnosticDocs.map(d => `${d.code.padEnd(22)} ${d.severity.padEnd(10)} ${d.summary}`).join('\n') + '\n');
        return ExitCode.Ok;
    }
    const doc = diagnosticDocs.find(d => d.code === code);
    if (!doc) {
        const suggestion = closest(code, diagnosticDocs.map(d => d.code));
        throw new CliError(`unknown diagnostic code '${code}'.${suggestion ? ` Did you mean '${suggestion}'?` : ''} Run 'meso explain' for the list.`);
    }
    write(doc.text + '\n');
    return ExitCode.Ok;
}
