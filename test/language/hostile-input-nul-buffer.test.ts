import { afterEach, describe, expect, test } from 'vitest';
import { decodeMesoText } from '../../src/language/workspace/decode-text.js';
import { buildFile, createTestServices, reset } from '../helpers/services.js';

const services = createTestServices();
afterEach(() => reset(services));

// An editor's buffer is already text: a NUL pasted into it must meet the same refusal as the
// file's bytes meet in `meso check`, or the editor and CI disagree on the same file.
describe('a NUL character in an editor buffer', () => {
    const text = 'protocol p "x" {\r\n    area "a\u0000b"\n    indication pain\n}\n';

    test('gives exactly one not-text error, where and as the decoder of the bytes gives it', async () => {
        const decoded = decodeMesoText(Buffer.from(text, 'utf8'));
        expect(decoded).toMatchObject({ ok: false, line: 1, character: 11 });
        const document = await buildFile(services, text);
        expect(document.diagnostics).toEqual([{
            range: { start: { line: 1, character: 11 }, end: { line: 1, character: 12 } },
            severity: 1, source: 'meso', code: 'not-text', data: { code: 'not-text' },
            message: 'Not a text file: it holds a NUL byte here (binary data?). A .meso file is UTF-8 text.'
        }]);
    });

    test('removing the NUL brings the ordinary checks back', async () => {
        const document = await buildFile(services, text.replace('\u0000', ''));
        expect((document.diagnostics ?? []).map(d => d.code)).not.toContain('not-text');
    });
});
