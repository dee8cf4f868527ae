import { TextDocument, URI } from 'langium';
import { afterEach, describe, expect, test } from 'vitest';
import { isProtocol } from '../../../src/language/generated/ast.js';
import { buildPreviewModel } from '../../../src/language/lsp/preview-model.js';
import { previewHtml } from '../../../src/extension/preview-html.js';
import { buildFile, createTestServices, describeDiagnostics, model, reset } from '../../helpers/services.js';
import { positionOf } from '../../helpers/lsp-positions.js';

const services = createTestServices();
afterEach(() => reset(services));

// OKi 160 mg/2 mL: 100 mg ketoprofen per 2 mL ampoule (Dompé leaflet); Phosphonciale Mono:
// 250 mg phosphatidylcholine + 126.5 mg deoxycholic acid per 5 mL ampoule.
const PRODUCTS = `/** The Italian ketoprofen lysine ampoule. */
product oki "OKi 160 mg/2 mL" {
    ketoprofen 100 mg
    ampoule 2 mL
    source "OKi leaflet"
}
product pc_dc {
    phosphatidylcholine 250 mg
    deoxycholic_acid 126.5 mg
    ampoule 5 mL
    in water_for_injection
}
protocol p {
    indication pain
    patients from 60 kg
    skin test not needed "no substance asks for one"
    mixture m { oki 1 ampoule  lidocaine 1 % 2 mL }
    mixture lipo prepared per inject { pc_dc 2 mL }
    technique t { needle 30G 13 mm  depth 10 mm  0.1 mL per point  10 points }
    session s { inject m using t  inject lipo using t }
    schedule { phase a: 2 sessions of s every 28 days }
}
`;

const whole = { start: { line: 0, character: 0 }, end: { line: 1000, character: 0 } };
let files = 0;

async function hoverAt(text: string, marker: string): Promise<string> {
    const doc = await buildFile(services, text, `products-${files++}.meso`);
    const hover = await services.lsp.HoverProvider!.getHoverContent(doc, { textDocument: { uri: doc.uri.toString() }, position: positionOf(doc, marker) });
    return (hover?.contents as { value: string } | undefined)?.value ?? '';
}

describe('products in the editor', () => {
    test('the protocol checks clean', async () => {
        expect(describeDiagnostics(await buildFile(services, PRODUCTS))).toBe('');
    });

    test('hover on a product component: what each ingredient delivers, then the product card', async () => {
        // 1 mL of m (2 mL oki + 2 mL lidocaine 1 %): 25 mg ketoprofen.
        const text = await hoverAt(PRODUCTS, 'oki 1 ampoule');
        expect(text).toContain('| s | 25 mg | 0.5 mL |');
        expect(text).toContain('One ampoule: 2 mL');
        expect(text).toContain('| ketoprofen | 50 mg/mL | 100 mg |');
        expect(text).toContain('The Italian ketoprofen lysine ampoule.');
        const two = await hoverAt(PRODUCTS, 'pc_dc 2 mL');
        expect(two).toContain('| s | phosphatidylcholine | 50 mg | 1 mL |');
        expect(two).toContain('| s | deoxycholic\\_acid | 25.3 mg | 1 mL |');
        expect(two).toContain('In water\\_for\\_injection');
    });

    test('hover on a mixture lists each ingredient of a product, and says it is prepared per inject', async () => {
        expect(await hoverAt(PRODUCTS, 'lipo prepared')).toBe(
            '**Mixture lipo**: 2 mL (prepared per inject)\n\n| component | volume | amount in the syringe |\n|---|---|---|\n| pc\\_dc | 2 mL | phosphatidylcholine 100 mg, deoxycholic\\_acid 50.6 mg |');
    });

    test('inlay hints name a product\'s ingredients', async () => {
        const doc = await buildFile(services, PRODUCTS);
        const hints = await services.lsp.InlayHintProvider!.getInlayHints(doc, { textDocument: { uri: doc.uri.toString() }, range: whole });
        expect(hints!.map(h => `${h.position.line + 1}:${h.label as string}`)).toEqual([
            '17:= ketoprofen 25 mg/session', '17:= 5 mg/session', '18:= phosphatidylcholine 50 mg, deoxycholic_acid 25.3 mg/session', '21:days 0, 28']);
    });

    test('completion offers products where a mixture names a substance, and units of a strength', async () => {
        const complete = async (text: string, marker: string) => {
            const doc = await buildFile(services, text, `complete-${files++}.meso`);
            const list = await services.lsp.CompletionProvider!.getCompletion(doc, { textDocument: { uri: doc.uri.toString() }, position: positionOf(doc, marker, { after: true }) });
            return (list?.items ?? []).map(i => i.label);
        };
        const names = await complete(PRODUCTS.replace('mixture m { oki', 'mixture m { o'), 'mixture m { o');
        expect(names).toEqual(expect.arrayContaining(['oki']));
        const strengths = await complete('product x {\n    ketoprofen 50 \n}', 'ketoprofen 50 ');
        expect(strengths).toEqual(expect.arrayContaining(['mg/mL', '%', 'mg', 'IU/mL']));
        expect(strengths).not.toContain('mL');
    });

    test('semantic tokens: a product is a type where declared and where used, its ingredients are substances', async () => {
        const doc = await buildFile(services, PRODUCTS);
        const provider = services.lsp.SemanticTokenProvider!;
        const tokens = await provider.semanticHighlight(doc, { textDocument: { uri: doc.uri.toString() } });
        const legend = provider.semanticTokensOptions.legend;
        const decoded: string[] = [];
        let line = 0;
        let start = 0;
        for (let i = 0; i < tokens.data.length; i += 5) {
            const [dl, ds, length, type] = tokens.data.slice(i, i + 5);
            line += dl;
            start = dl === 0 ? start + ds : ds;
            decoded.push(`${doc.textDocument.getText({ start: { line, character: start }, end: { line, character: start + length } })}:${legend.tokenTypes[type]}`);
        }
        expect(decoded.filter(t => /^(oki|ketoprofen|water_for_injection):/.test(t))).toEqual(['oki:type', 'ketoprofen:function', 'water_for_injection:function', 'oki:type']);
    });

    test('the outline lists a product as a package', async () => {
        const doc = await buildFile(services, PRODUCTS);
        const symbols = await services.lsp.DocumentSymbolProvider!.getSymbols(doc, { textDocument: { uri: doc.uri.toString() } });
        expect(symbols.map(s => [s.name, s.kind, s.detail])).toEqual([['oki', 4, 'OKi 160 mg/2 mL'], ['pc_dc', 4, undefined], ['p', 3, undefined]]);
    });

    test('the preview lists each product with the mL injected per session', async () => {
        const doc = await buildFile(services, PRODUCTS);
        const protocol = model(doc).elements.find(isProtocol)!;
        const preview = buildPreviewModel(protocol, services.semantics.Semantics.protocol(protocol), []);
        expect(preview.products).toEqual([
            { product: 'oki', title: 'OKi 160 mg/2 mL', ingredients: ['ketoprofen 50 mg/mL'], perSession: [0.5, 0.5] },
            { product: 'pc_dc', ingredients: ['phosphatidylcholine 50 mg/mL', 'deoxycholic_acid 25.3 mg/mL'], perSession: [1, 1] }
        ]);
        expect(preview.substances.map(s => s.substance)).toEqual(['ketoprofen', 'lidocaine', 'phosphatidylcholine', 'deoxycholic_acid']);
        expect(previewHtml(preview, 'n', 'c')).toContain('<li><strong>oki</strong> (OKi 160 mg/2 mL): ketoprofen 50 mg/mL; per session 0.5, 0.5 mL</li>');
    });

    test('the formatter lays out a product and a component\'s own strength', async () => {
        const text = 'product  x "X"{ketoprofen   100 mg/ 2mL\n ampoule 2  mL   in saline}\nprotocol p { mixture m prepared  per inject{ ketoprofen  50mg/mL 2 mL x 1  ampoule x 2 mL from 1 ampoule } }\n';
        const document = services.shared.workspace.LangiumDocumentFactory.fromString(text, URI.parse('file:///ws/format-products.meso'));
        const edits = await services.lsp.Formatter!.formatDocument(document, { options: { tabSize: 4, insertSpaces: true }, textDocument: { uri: document.uri.toString() } });
        expect(TextDocument.applyEdits(document.textDocument, edits)).toBe(
            'product x "X" {\n    ketoprofen 100 mg / 2 mL\n    ampoule 2 mL\n    in saline\n}\n'
            + 'protocol p { mixture m prepared per inject { ketoprofen 50 mg/mL 2 mL  x 1 ampoule  x 2 mL from 1 ampoule } }\n');
    });
});
