import { afterEach, describe, expect, test } from 'vitest';
import { buildFile, codes, createTestServices, describeDiagnostics, errors, OVERDOSE_PROTOCOL, reset } from '../helpers/services.js';

// Odd but valid text: empty files, comments only, every line-ending convention.
const services = createTestServices();
afterEach(() => reset(services));

/** The overdose of OVERDOSE_PROTOCOL: line 5 (0-based 4), columns 27–31 (0-based 26–30). */
const overdoseRange = { start: { line: 4, character: 26 }, end: { line: 4, character: 30 } };

function withEndings(text: string, ending: (i: number) => string): string {
    return text.split('\n').map((line, i, all) => i < all.length - 1 ? line + ending(i) : line).join('');
}

describe('empty and comment-only files', () => {
    test('an empty file has no diagnostics and no elements', async () => {
        const doc = await buildFile(services, '');
        expect(doc.diagnostics).toEqual([]);
        expect(doc.parseResult.value.elements).toEqual([]);
    });

    test('a file of comments only has no diagnostics', async () => {
        const doc = await buildFile(services, '// a line\n/* a\n block */\n/** a doc comment with nothing after it */\n');
        expect(doc.diagnostics).toEqual([]);
    });

    test('an unterminated block comment is a syntax error at its start', async () => {
        const doc = await buildFile(services, 'require skin test\nprotocol p { indication pain }\n/* never closed\n');
        expect(new Set(codes(doc))).toEqual(new Set(['syntax-error', 'missing-skin-test']));
        expect(errors(doc).map(d => d.range.start)).toContainEqual({ line: 2, character: 0 });
    });
});

describe('line endings', () => {
    test.each([
        ['LF', () => '\n'],
        ['CRLF', () => '\r\n'],
        ['CR', () => '\r'],
        ['mixed CRLF and LF', (i: number) => i % 2 ? '\n' : '\r\n'],
        ['mixed CR, LF and CRLF', (i: number) => ['\r', '\n', '\r\n'][i % 3]]
    ])('%s: the overdose is on line 5, columns 27–31', async (_name, ending) => {
        const doc = await buildFile(services, withEndings(OVERDOSE_PROTOCOL, ending));
        expect(codes(doc), describeDiagnostics(doc)).toEqual(['overdose-session']);
        expect(doc.diagnostics![0].range).toEqual(overdoseRange);
    });

    test('CRLF: a syntax error is placed on its line and column', async () => {
        const doc = await buildFile(services, 'protocol p {\r\n    indication pain\r\n    mixture m { saline 1 mL, }\r\n}\r\n');
        expect(errors(doc).map(d => d.range.start)).toEqual([{ line: 2, character: 27 }]);
    });

    test.each([['CRLF', '\r\n'], ['CR', '\r']])('%s: a meso-ignore comment covers the next line, not another one', async (_name, eol) => {
        // Two protocols without the skin test a clinic policy asks for; only the second one's warning is accepted.
        const text = ['protocol x { indication pain }', '// meso-ignore missing-skin-test: reviewed by Dr X', 'protocol w { indication pain }', 'require skin test', ''].join(eol);
        const doc = await buildFile(services, text);
        expect(doc.diagnostics!.map(d => [d.code, d.range.start.line])).toEqual([['missing-skin-test', 0]]);
    });
});
