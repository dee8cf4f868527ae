import { afterEach, describe, expect, test } from 'vitest';
import { buildFile, createTestServices, reset } from '../../helpers/services.js';

const services = createTestServices();
afterEach(() => reset(services));

const listed = async (text: string) => (await buildFile(services, text)).diagnostics!
    .filter(d => d.severity !== 4)   // hints (unused) are beside the point here
    .map(d => `${d.range.start.line}:${d.range.start.character} ${String(d.code)} ${d.message}`);

describe('a keyword used as a name', () => {
    test.each([
        ['mixture first { saline 2 mL }', 'mixture', 'first', 'first_mix'],
        ['technique syringe { needle 30G 4 mm }', 'technique', 'syringe', 'syringe_technique'],
        ['session points { }', 'session', 'points', 'points_session']
    ])('%s: one error saying the word is reserved, with a name to use, and no error about the end of the file', async (member, kind, word, suggestion) => {
        const text = `protocol p {\n    indication pain\n    ${member}\n    session s { }\n}\n`;
        expect(await listed(text)).toEqual([
            `2:${4 + kind.length + 1} syntax-error '${word}' is a reserved word of the language and cannot be a name. Rename the ${kind}, e.g. '${suggestion}'. Until it is renamed, the rest of this block is not read.`
        ]);
    });

    test('a member cut short by the error is not reported as unused', async () => {
        const doc = await buildFile(services, 'protocol p {\n    mixture first { saline 2 mL }\n}\n');
        expect(doc.diagnostics!.map(d => String(d.code))).toEqual(['syntax-error']);
    });

    test('substance gun at the top level: one error, and the next declaration is read', async () => {
        expect(await listed('substance gun { concentration 2 % }\nsubstance other { concentration 2 xx }\n')).toEqual([
            "0:10 syntax-error 'gun' is a reserved word of the language and cannot be a name. Rename the substance, e.g. 'gun_substance'. Until it is renamed, the rest of this block is not read.",
            "1:34 unknown-unit Unknown unit 'xx'. Expected a concentration (mg/mL, %, g/L) or an activity concentration (IU/mL). Until it is fixed, no dose of substance 'other' is worked out from its concentration."
        ]);
    });

    test('a reference written with a keyword says so too', async () => {
        const [first] = await listed('protocol p {\n    mixture m { saline 2 mL }\n    session s { inject first }\n}\n');
        expect(first).toBe("2:23 syntax-error 'first' is a reserved word of the language and cannot be a name. Use another name where it is declared and here. Until it is renamed, the rest of this block is not read.");
    });

    test('other syntax errors keep the parser\'s message', async () => {
        expect(await listed('protocol p {\n    mixture m { saline 2 mL\n')).toEqual([expect.stringMatching(/syntax-error Expecting/)]);
    });
});
