import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { buildFile, createTestServices, reset } from '../../helpers/services.js';
import { PROTOCOL, positionOf } from '../../helpers/lsp-positions.js';

const services = createTestServices();
afterEach(() => reset(services));

async function hoverAt(marker: string, nth = 0): Promise<string> {
    const doc = await buildFile(services, PROTOCOL);
    const hover = await services.lsp.HoverProvider!.getHoverContent(doc, { textDocument: { uri: doc.uri.toString() }, position: positionOf(doc, marker, { nth }) });
    const contents = hover?.contents as { value: string } | undefined;
    return contents?.value ?? '';
}

describe('hover', () => {
    test('a mixture component shows what it delivers per session and per cycle, then the substance card', async () => {
        const text = await hoverAt('lidocaine');
        expect(text).toContain('| standard | 20 mg | 1 mL |');
        expect(text).toContain('Per cycle (8 sessions): 160 mg; in all, maintenance included: 220 mg');
        expect(text).toContain('**lidocaine** — Lidocaine hydrochloride');
        expect(text).toContain('Concentration: 20 mg/mL');
        expect(text).toContain('| max per session | 300 mg | Xylocaine \\(lidocaine HCl\\) injection, US prescribing information');
        expect(text).toMatch(/\| max per session \(warning\) \| 200 mg \| Lidocaine Injection BP with Preservative 2 %.*\*regulatory: the UK figure; the US label allows 300 mg, so it is a warning\* \|/);
        expect(text).toContain('Contraindicated in: heart\\_block (error); hypovolaemia (error)');
        expect(text).toContain('anesthetic + anesthetic (warning)');
    });

    test('a session shows its dose table and days', async () => {
        const text = await hoverAt('standard {');
        expect(text).toContain('**Session standard**');
        expect(text).toContain('| piroxicam | 20 mg | 1 mL |');
        expect(text).toContain('Injected: 4 mL in 20 points');
        expect(text).toContain('Scheduled on days 0, 4, 11, 18, 25, 32, 39, 46, 76, 106, 136');
    });

    test('a protocol shows its totals', async () => {
        const text = await hoverAt('low_back_pain');
        expect(text).toContain('8 sessions + 3 maintenance over 136 days (pain)');
        expect(text).toContain('| lidocaine | 160 mg | 220 mg |');
    });

    test('a layer shows its depth band and source', async () => {
        const text = await hoverAt('IDS');
        expect(text).toContain('**IDS** — superficial intradermal');
        expect(text).toContain('Depth band: 1–2 mm');
    });

    test('a std class shows its card, then its doc comment exactly as std writes it', async () => {
        const std = readFileSync(join(import.meta.dirname, '../../../src/language/std/classes.meso'), 'utf8');
        const comment = /\/\*\*\s*(.*?)\s*\*\/\s*class hormone\b/.exec(std)?.[1];
        expect(comment, 'std declares hormone with a one-line doc comment').toMatch(/^Hormones used for analgesia\b/);
        const doc = await buildFile(services, 'substance s { class hormone source "t" }');
        const hover = await services.lsp.HoverProvider!.getHoverContent(doc, { textDocument: { uri: doc.uri.toString() }, position: positionOf(doc, 'hormone') });
        expect((hover?.contents as { value: string }).value).toBe(`**class hormone** — Hormone\n\n---\n\n${comment}`);
    });
});

describe('hover: class rules', () => {
    async function hoverIn(text: string, marker: string): Promise<string> {
        const doc = await buildFile(services, text);
        const hover = await services.lsp.HoverProvider!.getHoverContent(doc, { textDocument: { uri: doc.uri.toString() }, position: positionOf(doc, marker) });
        return (hover?.contents as { value: string } | undefined)?.value ?? '';
    }

    test('a substance shows the rules it inherits and from which class; its own rule hides the class one', async () => {
        const text = await hoverIn('substance house_nsaid {\n    class nsaid\n    contraindicated in peptic_ulcer: error [source "clinic"]\n    source "clinic formulary"\n}\n', 'house_nsaid');
        expect(text).toContain('Class: nsaid');
        // Its own rule for peptic_ulcer, the class's for the others.
        expect(text).toContain('Contraindicated in: peptic\\_ulcer (error); nsaid\\_intolerance (warning) *(from class nsaid)*; anticoagulants (warning) *(from class nsaid)*');
    });

    test('a class shows the rules every member gets', async () => {
        const text = await hoverIn('class steroid_like "Steroid-like" {\n    class corticosteroid\n    max 10 mg per day [source "clinic"]\n}\n', 'steroid_like');
        expect(text).toContain('**class steroid\\_like** — Steroid\\-like');
        expect(text).toContain('Parent classes: corticosteroid');
        expect(text).toContain('| max per day | 10 mg | clinic |');
    });
});
