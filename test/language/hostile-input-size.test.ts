import { afterEach, describe, expect, test } from 'vitest';
import { buildFile, codes, createTestServices, describeDiagnostics, errors, reset } from '../helpers/services.js';

// Big and deeply bracketed inputs must be checked in full, without blowing the stack or
// taking time that grows with the square of the file. No timing is asserted; the generous
// timeouts only turn a hang into a failure (10,000 protocols took 8 minutes before the
// library rules of a file were cached per file instead of per check).
const services = createTestServices();
afterEach(() => reset(services));

/**
 * A protocol without a skin test: under the clinic policy `require skin test` that ends the
 * file, one `missing-skin-test` warning on its name (line 1, column 10).
 */
function protocol(i: number): string {
    return `protocol p${i} {\n    indication pain\n    mixture m { saline 1 mL }\n    session s { inject m }\n    schedule { phase a: 1 session of s every 7 days }\n}\n`;
}

describe('size', () => {
    test('10,000 protocols in one file: each is checked, one warning each on its own line', async () => {
        const doc = await buildFile(services, `${Array.from({ length: 10_000 }, (_, i) => protocol(i)).join('')}require skin test\n`);
        const diagnostics = doc.diagnostics ?? [];
        expect(errors(doc)).toEqual([]);
        expect(diagnostics).toHaveLength(10_000);
        expect(new Set(codes(doc))).toEqual(new Set(['missing-skin-test']));
        // Protocol i starts on line 6 i (0-based), its name at character 9.
        expect(diagnostics.map(d => d.range.start.line)).toEqual(Array.from({ length: 10_000 }, (_, i) => 6 * i));
        expect(diagnostics.every(d => d.range.start.character === 9)).toBe(true);
    }, 300_000);

    test('10,000 nested braces: syntax errors, no stack overflow', async () => {
        const doc = await buildFile(services, `protocol p ${'{'.repeat(10_000)}${'}'.repeat(10_000)}\n`);
        expect(codes(doc)).toContain('syntax-error');
        // The first error is the second '{' (column 13): a protocol body holds members, not blocks.
        const first = errors(doc)[0];
        expect(first.range.start, describeDiagnostics(doc)).toEqual({ line: 0, character: 12 });
        expect((doc.diagnostics ?? []).some(d => String(d.message).includes('An error occurred'))).toBe(false);
    }, 120_000);

    test('a 5 MB file of substances is parsed and checked in full', async () => {
        const parts: string[] = [];
        let size = 0;
        for (let i = 0; size < 5 * 1024 * 1024; i++) {
            const s = `substance s${i} "S ${i}" {\n    class anesthetic\n    concentration 2 %\n    max 100 mg per session\n    source "x"\n}\n`;
            parts.push(s);
            size += s.length;
        }
        // One mistake at the very end must still be found and placed.
        const text = parts.join('') + 'substance last { concentration 5 mm source "x" }\n';
        const doc = await buildFile(services, text);
        expect(doc.parseResult.value.elements).toHaveLength(parts.length + 1);
        expect(errors(doc).map(d => [codes(doc)[(doc.diagnostics ?? []).indexOf(d)], d.range.start.line, d.range.start.character]))
            .toEqual([['unit-mismatch', parts.length * 6, 33]]);
    }, 300_000);

    test('a 900 kB line of 100,000 clauses', async () => {
        const doc = await buildFile(services, `protocol p { indication pain skin test 2 days before first session ${'area "x" '.repeat(100_000)}}\n`);
        expect(doc.diagnostics ?? []).toEqual([]);
        expect(doc.parseResult.value.elements).toHaveLength(1);
    }, 120_000);

    test('200,000 lexer errors: one error each, and range formatting answers (it took their first line as 200,000 arguments of Math.min)', async () => {
        const doc = await buildFile(services, `${'$ '.repeat(200_000)}\nclass fine\n`);
        expect(errors(doc)).toHaveLength(200_000);
        const range = { start: { line: 1, character: 0 }, end: { line: 1, character: 10 } };
        const edits = await services.lsp.Formatter!.formatDocumentRange(doc, { textDocument: { uri: doc.uri.toString() }, range, options: { tabSize: 4, insertSpaces: true } });
        expect(edits).toEqual([]);
    }, 120_000);

    test('a 5 MB comment is one comment', async () => {
        const doc = await buildFile(services, `/*${'x'.repeat(5 * 1024 * 1024)}*/\nprotocol p { indication pain }\n`);
        expect(errors(doc)).toEqual([]);
        expect(doc.parseResult.value.elements).toHaveLength(1);
    }, 120_000);
});
