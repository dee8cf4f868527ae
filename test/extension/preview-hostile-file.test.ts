import { afterEach, describe, expect, test } from 'vitest';
import { previewHtml } from '../../src/extension/preview-html.js';
import { buildPreviewModel } from '../../src/language/lsp/preview-model.js';
import { isModel, isProtocol } from '../../src/language/generated/ast.js';
import { buildFile, createTestServices, reset } from '../helpers/services.js';

const services = createTestServices();
afterEach(() => reset(services));

// Every text the file controls and the preview shows: the title, and a limit's source, which
// a warning message quotes. The session cap below is exceeded so that the message appears.
const HOSTILE = `substance evil "<script>alert('s')</script>" {
    concentration 20 mg/mL
    max 10 mg per session: warning
    source "<img src=x onerror=alert(1)>"
    evidence weak "</li><script>alert(2)</script>"
}
protocol hostile "<img src=x onerror=alert(1)>" {
    indication pain
    patients from 60 kg
    skin test 2 days before first session
    mixture m { evil 1 mL  saline 1 mL }
    technique t { needle 30G 4 mm  depth IDS  0.1 mL per point  20 points }
    session s { inject m using t }
    schedule { phase a: 2 sessions of s every 7 days }
}
`;

async function hostileHtml(): Promise<string> {
    const document = await buildFile(services, HOSTILE);
    const root = document.parseResult.value;
    if (!isModel(root)) throw new Error('not a model');
    const protocol = root.elements.find(isProtocol)!;
    const model = buildPreviewModel(protocol, services.semantics.Semantics.protocol(protocol), document.diagnostics ?? []);
    return previewHtml(model, 'N0NCE', 'vscode-resource:');
}

describe('preview of a protocol whose text is hostile HTML', () => {
    test('the title and the quoted source render as text, not as elements', async () => {
        const html = await hostileHtml();
        // The title and the limit's source reach the page, escaped.
        expect(html).toContain('<h1>hostile — &lt;img src=x onerror=alert(1)&gt;</h1>');
        expect(html).toMatch(/<li class="warning">line \d+ <code>overdose-session<\/code> [^<]*&lt;img src=x onerror=alert\(1\)&gt;/);
        // Nothing from the file became markup: the only elements are the page's own.
        expect(html).not.toMatch(/<img|<script|onerror=alert\(1\)>/i);
        const tags = new Set([...html.matchAll(/<([a-zA-Z][a-zA-Z0-9]*)/g)].map(m => m[1].toLowerCase()));
        expect([...tags].sort()).toEqual(['body', 'circle', 'code', 'div', 'g', 'h1', 'h2', 'h3', 'head', 'html', 'li', 'line', 'meta', 'p', 'rect', 'section', 'span', 'style', 'svg', 'text', 'title', 'ul']);
    });

    test('the Content Security Policy forbids every script: no script-src, so default-src none applies', async () => {
        const html = await hostileHtml();
        const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1];
        const directives = Object.fromEntries(csp!.split(';').map(d => d.trim()).filter(Boolean).map(d => [d.split(' ')[0], d.split(' ').slice(1)]));
        expect(directives['default-src']).toEqual(["'none'"]);
        expect(directives['script-src']).toBeUndefined();
        expect(directives['style-src']).toEqual(["'nonce-N0NCE'"]);
        expect(Object.values(directives).flat()).not.toContain("'unsafe-inline'");
    });
});
