import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { escapeHtml, previewHtml } from '../../src/extension/preview-html.js';
import { isProtocol } from '../../src/language/generated/ast.js';
import { buildPreviewModel } from '../../src/language/lsp/preview-model.js';
import { buildFile, createTestServices } from '../helpers/services.js';
import type { PreviewModel } from '../../src/language/lsp/meso-protocol.js';

const model: PreviewModel = {
    protocol: 'p<script>alert(1)</script>',
    title: 'Title "quoted" & <b>bold</b>',
    durationDays: 14,
    sessions: [
        { index: 1, day: 0, phase: 'attack', maintenance: false, doses: [{ substance: 'lidocaine', amount: 20, unit: 'mg' }] },
        { index: 2, day: 7, phase: 'attack', maintenance: false, doses: [{ substance: 'lidocaine', amount: 30, unit: 'mg' }] },
        { index: 3, day: 14, phase: 'maintenance', maintenance: true, doses: [{ substance: 'lidocaine', amount: 20, unit: 'mg' }] }
    ],
    substances: [{ substance: 'lido<img src=x onerror=alert(1)>', unit: 'mg', perSession: [20, 30, 20], cumulative: [20, 50, 70], sessionCap: 25 }],
    warnings: [{ line: 3, severity: 'warning', code: 'volume-per-point', message: '<i>too much</i>' }]
};

describe('protocol preview page', () => {
    const html = previewHtml(model, 'NONCE123', 'vscode-resource:');

    test('has a strict Content Security Policy: no scripts, only its own nonce-tagged style', () => {
        expect(html).toContain(`content="default-src 'none'; img-src vscode-resource: data:; style-src 'nonce-NONCE123';"`);
        expect(html).not.toMatch(/<script/i);
        expect(html).toContain('<style nonce="NONCE123">');
    });

    test('escapes every text that comes from the file', () => {
        expect(html).not.toContain('<script>alert(1)</script>');
        expect(html).not.toContain('<img src=x');
        expect(html).not.toContain('<i>too much</i>');
        expect(html).toContain('p&lt;script&gt;alert(1)&lt;/script&gt;');
        expect(html).toContain('Title &quot;quoted&quot; &amp; &lt;b&gt;bold&lt;/b&gt;');
        expect(escapeHtml(`'"<>&`)).toBe('&#39;&quot;&lt;&gt;&amp;');
    });

    test('draws the schedule with phases and maintenance, doses against the cap, and the warnings', () => {
        expect(html.match(/<circle /g)).toHaveLength(2);
        expect(html.match(/<rect x="[^"]+" y="25" width="10" height="10" fill="none"/g)).toHaveLength(1);
        expect(html.match(/class="bar over"/g)).toHaveLength(1);
        expect(html).toContain('cap 25 mg');
        expect(html).toContain('Cumulative: 20 → 50 → 70 mg (in all 70 mg)');
        expect(html).toContain('line 3 <code>volume-per-point</code> &lt;i&gt;too much&lt;/i&gt;');
        expect(html).toContain('2 sessions + 1 maintenance over 14 days');
        // The legend: one swatch per phase, and maintenance once, as the hollow mark.
        expect([...html.matchAll(/<span class="phase">(.*?)<\/span>(?= |<\/div>)/g)].map(m => m[1].replace(/<[^>]+>/g, ''))).toEqual(['attack', 'maintenance']);
        expect(html).toContain('<span class="swatch hollow"></span>maintenance');
    });
});

describe('the timeline of a real protocol', () => {
    test('every session mark has a real colour: phases filled, maintenance as a coloured hollow square', async () => {
        const services = createTestServices();
        const text = readFileSync(join(import.meta.dirname, '../../examples/low-back-pain.meso'), 'utf8');
        const document = await buildFile(services, text, 'low-back-pain.meso');
        const protocol = document.parseResult.value.elements.find(isProtocol)!;
        const page = previewHtml(buildPreviewModel(protocol, services.semantics.Semantics.protocol(protocol), document.diagnostics ?? []), 'N', 'vscode-resource:');
        const marks = [...page.matchAll(/<g class="session[^"]*">(<(circle|rect) [^>]*>)/g)].map(m => ({
            shape: m[2],
            fill: /fill="([^"]*)"/.exec(m[1])?.[1],
            stroke: /stroke="([^"]*)"/.exec(m[1])?.[1]
        }));
        // 2 attack + 6 treatment sessions as discs, 3 maintenance sessions as squares (README's tour).
        expect(marks.map(m => m.shape).join(' ')).toBe(`${'circle '.repeat(8)}rect rect rect`);
        const colour = /^#[0-9a-f]{6}$/;
        for (const mark of marks) {
            if (mark.shape === 'circle') expect(mark.fill).toMatch(colour);
            else expect(mark).toMatchObject({ fill: 'none', stroke: expect.stringMatching(colour) });
        }
        // The two phases in two colours, and the legend's hollow swatch in the maintenance marks' colour.
        expect(new Set(marks.filter(m => m.shape === 'circle').map(m => m.fill)).size).toBe(2);
        expect(page).toContain(`.swatch.hollow { border: 2px solid ${marks.at(-1)!.stroke};`);
    });
});
