import { describe, expect, test } from 'vitest';
import pkg from '../../package.json' with { type: 'json' };
import { IssueCodes } from '../../src/language/validation/issue-codes.js';
import { diagnosticDocs } from '../../src/cli/diagnostics-docs.generated.js';
import { meso } from '../helpers/compile.js';

describe('meso explain, --help, --version', () => {
    test('every issue code is documented', () => {
        const documented = new Set(diagnosticDocs.map(d => d.code));
        expect(Object.values(IssueCodes).filter(c => !documented.has(c))).toEqual([]);
    });

    test('explain prints the section of one code', async () => {
        const r = await meso(['explain', 'overdose-session']);
        expect(r.code).toBe(0);
        expect(r.out.startsWith('## `overdose-session`')).toBe(true);
        expect(r.out).toContain('```meso');
    });

    test('explain with a typo suggests the code, exit 2', async () => {
        const r = await meso(['explain', 'overdose-sesion']);
        expect(r.code).toBe(2);
        expect(r.err).toBe("meso: unknown diagnostic code 'overdose-sesion'. Did you mean 'overdose-session'? Run 'meso explain' for the list.\n");
    });

    test('explain without a code lists every code with its severity', async () => {
        const r = await meso(['explain']);
        expect(r.out.split('\n').filter(Boolean)).toHaveLength(diagnosticDocs.length);
    });

    test('--version and --help', async () => {
        expect(await meso(['--version'])).toMatchObject({ code: 0, out: `${pkg.version}\n` });
        const help = await meso(['--help']);
        expect(help.code).toBe(0);
        expect(help.out).toContain('check [options] [paths...]');
        expect(help.out).toContain('Exit codes:');
        const checkHelp = await meso(['check', '--help']);
        expect(checkHelp.out).toContain('--max-warnings <n>');
    });
});
