import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { meso, root } from '../helpers/compile.js';

const overdose = join(root, 'test/fixtures/diagnostics/overdose-session.meso');
const summary = (out: string) => out.trim().split('\n').at(-1);

describe('meso --locale and the locale variables', () => {
    test('--locale it gives the Italian summary, with plural forms', async () => {
        const r = await meso(['check', overdose, '--locale', 'it']);
        expect(r.code).toBe(1);
        expect(summary(r.out)).toMatch(/^1 file controllato: \d+ errori?, \d+ avvis[oi]\.$/);
    });

    test('--locale before the command and --locale=it work too', async () => {
        expect(summary((await meso(['--locale', 'it', 'check', overdose])).out)).toMatch(/^1 file controllato/);
        expect(summary((await meso(['check', '--locale=it', overdose])).out)).toMatch(/^1 file controllato/);
    });

    test('LC_ALL, then LC_MESSAGES, then LANG; --locale wins over them', async () => {
        const run = async (env: Record<string, string>, args: string[] = []) => summary((await meso(['check', overdose, ...args], env)).out);
        expect(await run({ LANG: 'it_IT.UTF-8' })).toMatch(/controllato/);
        expect(await run({ LC_MESSAGES: 'it_IT.UTF-8', LANG: 'en_US.UTF-8' })).toMatch(/controllato/);
        expect(await run({ LC_ALL: 'en_US.UTF-8', LC_MESSAGES: 'it_IT.UTF-8' })).toMatch(/^1 file checked/);
        expect(await run({ LC_ALL: '', LANG: 'it_IT.UTF-8' })).toMatch(/controllato/);
        expect(await run({ LANG: 'fr_FR.UTF-8' })).toMatch(/^1 file checked/);
        expect(await run({ LANG: 'it_IT.UTF-8' }, ['--locale', 'en'])).toMatch(/^1 file checked/);
    });

    test('json keeps the codes and positions in every language', async () => {
        const en = JSON.parse((await meso(['check', overdose, '--format', 'json'])).out) as { code: string; line: number; column: number }[];
        const it = JSON.parse((await meso(['check', overdose, '--format', 'json', '--locale', 'it'])).out) as typeof en;
        const shape = (r: typeof en) => r.map(p => [p.code, p.line, p.column]);
        expect(shape(it)).toEqual(shape(en));
        expect(shape(en).length).toBeGreaterThan(0);
    });

    test('an unknown --locale is a usage error naming the languages', async () => {
        const r = await meso(['check', overdose, '--locale', 'fr']);
        expect(r).toMatchObject({ code: 2, out: '' });
        expect(r.err).toBe("meso: unknown locale 'fr': Meso speaks en, it.\n");
        expect((await meso(['check', '--locale', 'xx'], { LANG: 'it_IT.UTF-8' })).err).toBe("meso: lingua 'xx' sconosciuta: Meso parla en, it.\n");
    });
});
