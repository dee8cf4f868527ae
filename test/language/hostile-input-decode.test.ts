import { describe, expect, test } from 'vitest';
import { decodeMesoText } from '../../src/language/workspace/decode-text.js';

const bytes = (...parts: Array<string | number[]>) => Buffer.concat(parts.map(p => typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p)));

describe('decoding a .meso file', () => {
    test('UTF-8 text is kept as is, accents and µ included', () => {
        expect(decodeMesoText(bytes('substance é "µg ç"\r\n'))).toEqual({ ok: true, text: 'substance é "µg ç"\r\n' });
    });

    test('an empty file is empty text', () => {
        expect(decodeMesoText(new Uint8Array())).toEqual({ ok: true, text: '' });
    });

    test('a byte order mark is dropped, so it shifts no column', () => {
        expect(decodeMesoText(bytes([0xef, 0xbb, 0xbf], 'protocol p {}'))).toEqual({ ok: true, text: 'protocol p {}' });
    });

    test('only the leading byte order mark is dropped (a second one is text)', () => {
        expect(decodeMesoText(bytes([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf], 'x'))).toEqual({ ok: true, text: '\uFEFFx' });
    });

    test('a Latin-1 byte is refused at its line and column (UTF-16 columns, CRLF counted as one break)', () => {
        expect(decodeMesoText(bytes('protocol p {\r\n  area "ç', [0xe9], '"\r\n}'))).toEqual({
            ok: false, line: 1, character: 9, message: 'Not a UTF-8 text file: byte 0xE9 here is not valid UTF-8. Save the file as UTF-8.'
        });
    });

    test('a NUL byte is refused as binary data', () => {
        expect(decodeMesoText(bytes('ab\ncd', [0], 'e'))).toEqual({
            ok: false, line: 1, character: 2, message: 'Not a text file: it holds a NUL byte here (binary data?). A .meso file is UTF-8 text.'
        });
    });

    test('the first of a NUL and a bad byte is reported', () => {
        expect(decodeMesoText(bytes('a', [0xff], 'b', [0]))).toMatchObject({ ok: false, character: 1, message: expect.stringContaining('0xFF') });
        expect(decodeMesoText(bytes('a', [0], 'b', [0xff]))).toMatchObject({ ok: false, character: 1, message: expect.stringContaining('NUL') });
    });

    test.each([
        ['a truncated sequence at the end', [0x61, 0xe2, 0x82], 1],
        ['an overlong encoding of "/"', [0x61, 0xc0, 0xaf], 1],
        ['an encoded surrogate', [0x61, 0xed, 0xa0, 0x80], 1],
        ['a code point above U+10FFFF', [0x61, 0xf4, 0x90, 0x80, 0x80], 1],
        ['a lone continuation byte', [0x61, 0x62, 0x80], 2],
        ['UTF-16 with its byte order mark', [0xff, 0xfe, 0x70, 0x00], 0]
    ])('%s is refused', (_name, input, character) => {
        expect(decodeMesoText(Uint8Array.from(input))).toMatchObject({ ok: false, line: 0, character });
    });

    test('astral characters count as two UTF-16 units in the column', () => {
        expect(decodeMesoText(bytes('"😀"', [0xff]))).toMatchObject({ ok: false, line: 0, character: 4 });
    });
});
