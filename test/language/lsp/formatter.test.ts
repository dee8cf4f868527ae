import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { CstUtils, isAstNode, isLeafCstNode, isReference, TextDocument, URI, type LangiumDocument, type LeafCstNode } from 'langium';
import type { FormattingOptions, Range, TextEdit } from 'vscode-languageserver-types';
import { afterEach, describe, expect, test } from 'vitest';
import { buildFiles, createTestServices, reset } from '../../helpers/services.js';

const services = createTestServices();
afterEach(() => reset(services));

const SPACES: FormattingOptions = { tabSize: 4, insertSpaces: true };
let counter = 0;

/** Parses `text` (no linking or validation: the formatter needs only the syntax tree). */
function parse(text: string): LangiumDocument {
    return services.shared.workspace.LangiumDocumentFactory.fromString(text, URI.parse(`file:///ws/format-${counter++}.meso`));
}

async function edits(text: string, options = SPACES, range?: Range): Promise<{ document: LangiumDocument; edits: TextEdit[] }> {
    const document = parse(text);
    const formatter = services.lsp.Formatter!;
    const textDocument = { uri: document.uri.toString() };
    const result = range
        ? await formatter.formatDocumentRange(document, { options, textDocument, range })
        : await formatter.formatDocument(document, { options, textDocument });
    return { document, edits: result };
}

async function format(text: string, options = SPACES): Promise<string> {
    const { document, edits: result } = await edits(text, options);
    return TextDocument.applyEdits(document.textDocument, result);
}

/** Formats `before`, checks the result, and checks that formatting the result changes nothing. */
async function expectFormat(before: string, after: string, options = SPACES): Promise<void> {
    expect(await format(before, options)).toBe(after);
    expect((await edits(after, options)).edits).toEqual([]);
}

function leaves(document: LangiumDocument): LeafCstNode[] {
    const root = document.parseResult.value.$cstNode;
    return root ? CstUtils.streamCst(root).filter(isLeafCstNode).toArray().sort((a, b) => a.offset - b.offset) : [];
}

/** The AST as plain data: no CST, container or document links; references by their text. */
function meaning(value: unknown): unknown {
    if (Array.isArray(value)) return value.map(meaning);
    if (isReference(value)) return { $refText: value.$refText };
    if (isAstNode(value)) {
        return Object.fromEntries(Object.entries(value)
            .filter(([key]) => key === '$type' || !key.startsWith('$'))
            .map(([key, v]) => [key, meaning(v)]));
    }
    return value;
}

/** A comment's text with the indentation of its inner lines removed (a block comment may be re-indented). */
function commentText(leaf: LeafCstNode): string {
    return leaf.text.split('\n').map(line => line.trim()).join('\n');
}

/**
 * For every comment: its text, the tokens on its line(s), and for a `//` comment alone on its line
 * the tokens of the next line (what a `// meso-ignore` there applies to). None of it may change.
 */
function commentLines(document: LangiumDocument): Array<{ comment: string; line: string[]; next?: string[] }> {
    const all = leaves(document);
    const tokens = all.filter(l => !l.hidden);
    const onLines = (from: number, to: number) => tokens.filter(t => t.range.start.line >= from && t.range.start.line <= to).map(t => t.text);
    return all.filter(l => l.hidden).map(comment => {
        const { start, end } = comment.range;
        const alone = !tokens.some(t => t.range.end.line === start.line && t.offset < comment.offset);
        return {
            comment: commentText(comment),
            line: onLines(start.line, end.line),
            ...(alone && comment.text.startsWith('//') ? { next: onLines(end.line + 1, end.line + 1) } : {})
        };
    });
}

/**
 * The same text, made untidy without changing its lines or comments: extra spaces between tokens on a
 * line, extra indentation, doubled blank lines, blank lines at the start and the end.
 */
function untidy(text: string): string {
    const all = leaves(parse(text));
    let out = all[0] && !all[0].hidden ? '\n\n' : '';
    let at = 0;
    all.forEach((leaf, i) => {
        const previous = all[i - 1];
        const gap = text.slice(at, leaf.offset);
        if (!previous || previous.hidden || leaf.hidden) out += gap;
        else if (previous.range.end.line === leaf.range.start.line) out += gap + '  ';
        else out += gap.replace(/\n([ \t]*\n)/, '\n$1\n') + '   ';
        out += leaf.text;
        at = leaf.end;
    });
    return out + text.slice(at) + '\n\n  ';
}

const root = join(import.meta.dirname, '..', '..', '..');
function mesoFiles(dir: string): string[] {
    return readdirSync(dir).sort().flatMap(f => {
        const full = join(dir, f);
        return statSync(full).isDirectory() ? mesoFiles(full) : f.endsWith('.meso') ? [full] : [];
    });
}
/** Fixture text without the « » markers of expected diagnostics. */
function source(file: string): string {
    return readFileSync(file, 'utf8').replace(/[\u00AB\u00BB]/g, '');
}
const files = [
    ...mesoFiles(join(root, 'examples')),
    ...mesoFiles(join(root, 'test/fixtures')),
    ...mesoFiles(join(root, 'src/language/std'))
].map(f => relative(root, f));

describe('formatter: canonical layout', () => {
    test('indentation and one member per line in blocks that span lines', async () => {
        await expectFormat(
            `protocol p "P"
{
indication pain   area "lumbar"
      patients from 50 kg
  skin test 2 days before first session
    technique t{needle 30G 4 mm
  depth IDS
          0.2 mL per point   20 points
      device syringe}
}
`,
            `protocol p "P" {
    indication pain
    area "lumbar"
    patients from 50 kg
    skin test 2 days before first session
    technique t {
        needle 30G 4 mm
        depth IDS
        0.2 mL per point
        20 points
        device syringe
    }
}
`);
    });

    test('spacing between tokens, numbers and units, gauge, percent and slashes', async () => {
        await expectFormat(
            `substance lidocaine   "Lidocaine"{
    aliases "lidocaina"  ,"xylocaine"
    class   anesthetic,amide_anesthetic
    concentration 2%
    concentration 100mg/2mL
    concentration 20 mg / mL
    max 4.5mg /kg per session
    max 200 mg per session :warning[ source "UK figure"evidence weak "verify" ]
    min interval 7days
}
protocol p {
    technique t {
        needle 30 G 4mm
        depth 1.5mm in IDS
        0.2mL per point
        device multi-injector   18
    }
    session s {
        inject m   using t
        duration 10min
    }
}
`,
            `substance lidocaine "Lidocaine" {
    aliases "lidocaina", "xylocaine"
    class anesthetic, amide_anesthetic
    concentration 2 %
    concentration 100 mg / 2 mL
    concentration 20 mg/mL
    max 4.5 mg/kg per session
    max 200 mg per session: warning [source "UK figure" evidence weak "verify"]
    min interval 7 days
}
protocol p {
    technique t {
        needle 30G 4 mm
        depth 1.5 mm in IDS
        0.2 mL per point
        device multi-injector 18
    }
    session s {
        inject m using t
        duration 10 min
    }
}
`);
    });

    test('schedule phases: no space before the colon, one after', async () => {
        await expectFormat(
            `protocol p {
    schedule {
      phase attack :2 sessions of standard every 4days
        phase treatment:6 sessions of standard   every 7 days after 21 days
    maintenance :3 sessions of standard every 30 days }
}
`,
            `protocol p {
    schedule {
        phase attack: 2 sessions of standard every 4 days
        phase treatment: 6 sessions of standard every 7 days after 21 days
        maintenance: 3 sessions of standard every 30 days
    }
}
`);
    });

    test('nested blocks and lists', async () => {
        await expectFormat(
            `protocol low_back_pain "Chronic low back pain" { indication pain
excludes pregnancy ,breastfeeding,  heart_block
mixture antalgic {
lidocaine 1 mL
piroxicam   1mL
      saline 2 mL }
session standard { inject antalgic using paravertebral
duration 10 min
}
}
`,
            `protocol low_back_pain "Chronic low back pain" {
    indication pain
    excludes pregnancy, breastfeeding, heart_block
    mixture antalgic {
        lidocaine 1 mL
        piroxicam 1 mL
        saline 2 mL
    }
    session standard {
        inject antalgic using paravertebral
        duration 10 min
    }
}
`);
    });

    test('a patient', async () => {
        await expectFormat(
            `patient rossi   "M. Rossi"{ weight 72kg
conditions anticoagulants,diabetes
   allergic to procaine ,ester_anesthetic
        skin test on 2026-11-28   negative
follows low_back_pain from 2026-12-01 }
`,
            `patient rossi "M. Rossi" {
    weight 72 kg
    conditions anticoagulants, diabetes
    allergic to procaine, ester_anesthetic
    skin test on 2026-11-28 negative
    follows low_back_pain from 2026-12-01
}
`);
    });

    test('library declarations and imports', async () => {
        await expectFormat(
            `  import   "clinic-formulary.meso"
class   nsaid "NSAID"source "E1" evidence   weak
   condition pregnancy "Pregnancy" aliases "gravidanza" ,"grossesse"
layer IDS "superficial intradermal" 1mm..2 mm source "E7, E8" evidence teaching
interaction nsaid+nsaid :error "Two NSAIDs" source "E41"
contraindication pregnancy:error "Avoided in pregnancy"
limit sessions   per cycle<=12 for pain :warning
limit needle length in 4mm ..13mm
limit active substances per mixture <= 3
require skin test:warning source "S0" evidence weak
`,
            `import "clinic-formulary.meso"
class nsaid "NSAID" source "E1" evidence weak
condition pregnancy "Pregnancy" aliases "gravidanza", "grossesse"
layer IDS "superficial intradermal" 1 mm .. 2 mm source "E7, E8" evidence teaching
interaction nsaid + nsaid: error "Two NSAIDs" source "E41"
contraindication pregnancy: error "Avoided in pregnancy"
limit sessions per cycle <= 12 for pain: warning
limit needle length in 4 mm .. 13 mm
limit active substances per mixture <= 3
require skin test: warning source "S0" evidence weak
`);
    });

    test('declarations sharing a line are split', async () => {
        await expectFormat('class a  class b\nsubstance s { class a } substance t { class b }\n',
            'class a\nclass b\nsubstance s { class a }\nsubstance t { class b }\n');
    });

    test('one-line blocks stay on one line: one space inside the braces, two between members', async () => {
        await expectFormat(
            `protocol p {
    mixture m {lidocaine 1mL saline   2 mL}
    technique t {   needle 30G 4 mm depth IDS 0.1 mL per point   10 points   }
    session s{inject m using t}
    schedule {phase a: 2 sessions of s every 7 days}
    mixture empty {}
}
substance ketoprofen { class nsaid concentration 100 mg / 2 mL max 300 mg per session }
`,
            `protocol p {
    mixture m { lidocaine 1 mL  saline 2 mL }
    technique t { needle 30G 4 mm  depth IDS  0.1 mL per point  10 points }
    session s { inject m using t }
    schedule { phase a: 2 sessions of s every 7 days }
    mixture empty { }
}
substance ketoprofen { class nsaid  concentration 100 mg / 2 mL  max 300 mg per session }
`);
    });

    test('blank lines: runs collapse to one, single ones are kept, none at the start, one newline at the end', async () => {
        await expectFormat(
            `


class a



class b
substance s {
    class a


    source "x"

}
protocol p {
    indication pain

    mixture m {
        saline 2 mL
    }
}


`,
            `class a

class b
substance s {
    class a

    source "x"

}
protocol p {
    indication pain

    mixture m {
        saline 2 mL
    }
}
`);
        expect(await format('class a')).toBe('class a\n');
    });

    test('a clause split over lines keeps its line breaks as continuation lines', async () => {
        await expectFormat(
            `substance lidocaine {
    concentration 2 %
[source "E26 label" evidence regulatory]
    contraindicated in heart_block,
      myasthenia_gravis
}
limit interval >= 5 days
source "S2"
`,
            `substance lidocaine {
    concentration 2 %
        [source "E26 label" evidence regulatory]
    contraindicated in heart_block,
        myasthenia_gravis
}
limit interval >= 5 days
    source "S2"
`);
    });

    test('tabs when the editor indents with tabs', async () => {
        await expectFormat('protocol p {\n  mixture m {\n saline 2 mL\n }\n}\n',
            'protocol p {\n\tmixture m {\n\t\tsaline 2 mL\n\t}\n}\n', { tabSize: 4, insertSpaces: false });
    });

    test('CRLF documents keep CRLF line breaks', async () => {
        const lf = 'protocol p {\n  indication pain // c\n   /* a\n      b */\n  mixture m {saline 2mL}\n\n\n}';
        const crlf = lf.replace(/\n/g, '\r\n');
        const expected = 'protocol p {\n    indication pain // c\n    /* a\n       b */\n    mixture m { saline 2 mL }\n\n}\n';
        expect(await format(lf)).toBe(expected);
        await expectFormat(crlf, expected.replace(/\n/g, '\r\n'));
    });

    test('range formatting only edits inside the range', async () => {
        const text = 'class   a\nclass   b\nclass   c\n';
        const { document, edits: result } = await edits(text, SPACES, { start: { line: 1, character: 0 }, end: { line: 1, character: 9 } });
        expect(TextDocument.applyEdits(document.textDocument, result)).toBe('class   a\nclass b\nclass   c\n');
    });
});

describe('formatter: LSP options and ranges', () => {
    const EXAMPLES = join(import.meta.dirname, '..', '..', '..', 'examples');

    test('trimTrailingWhitespace removes it after comments and in doc comments, not inside a string', async () => {
        const text = '/**  \n * Doc.  \n */\nclass a "two\nlines  \nhere" // note   \nclass b   \n';
        const trimmed = await format(text, { ...SPACES, trimTrailingWhitespace: true });
        expect(trimmed).toBe('/**\n * Doc.\n */\nclass a "two\nlines  \nhere" // note\nclass b\n');
        // Without the option, comments keep theirs (the comment's own text).
        expect(await format(text, SPACES)).toContain('// note   \n');
    });

    test('trimTrailingWhitespace leaves no line of any example ending in whitespace', async () => {
        for (const file of readdirSync(EXAMPLES).filter(f => f.endsWith('.meso'))) {
            const text = readFileSync(join(EXAMPLES, file), 'utf8').replace(/\n/g, '  \n');
            const lines = (await format(text, { ...SPACES, trimTrailingWhitespace: true })).split('\n');
            expect(lines.filter(l => /\s$/.test(l)), file).toEqual([]);
        }
    });

    test('range formatting of any lines of the examples edits only inside the range, without overlaps', async () => {
        for (const file of readdirSync(EXAMPLES).filter(f => f.endsWith('.meso'))) {
            const text = readFileSync(join(EXAMPLES, file), 'utf8').replace(/\n/g, '  \n').replace(/ {4}/g, '  ');
            const lineCount = text.split('\n').length;
            for (let first = 0; first < lineCount; first += 3) {
                const range = { start: { line: first, character: 0 }, end: { line: first + 4, character: 0 } };
                const { document, edits: result } = await edits(text, { ...SPACES, trimTrailingWhitespace: true }, range);
                const from = document.textDocument.offsetAt(range.start), to = document.textDocument.offsetAt(range.end);
                const spans = result.map(e => [document.textDocument.offsetAt(e.range.start), document.textDocument.offsetAt(e.range.end)]);
                for (const [a, b] of spans) expect(a >= from && b <= to, `${file} lines ${first}-${first + 4}: ${a}-${b}`).toBe(true);
                spans.sort((x, y) => x[0] - y[0]).forEach((s, i) => { if (i > 0) expect(s[0], file).toBeGreaterThanOrEqual(spans[i - 1][1]); });
            }
        }
    });
});

describe('formatter: comments', () => {
    test('doc comments stay above their declaration and are indented with it', async () => {
        await expectFormat(
            `/** The class. */
class nsaid
    /**
     * Antalgic cycle.
     */
protocol p {
indication pain
        /** The mixture. */
  mixture m {
  saline 2 mL
  }
}
`,
            `/** The class. */
class nsaid
/**
 * Antalgic cycle.
 */
protocol p {
    indication pain
    /** The mixture. */
    mixture m {
        saline 2 mL
    }
}
`);
    });

    test('trailing comments stay on their line with their spacing; lines that carry one are not split or joined', async () => {
        await expectFormat(
            `protocol p { // opens
  indication pain  area "lumbar"     // two members on a commented line stay together
  patients from 50kg                  // weight floor
  mixture m {
      lidocaine 1 mL // 2 % -> 20 mg
      saline 2 mL } // closes on the member's line
  technique t { needle 30G 4 mm  depth IDS  «0.5mL» per point }   // meso-ignore volume-per-point: reviewed
  excludes pregnancy, // the first
     breastfeeding
  excludes heart_block
  , diabetes /* joined */
  excludes a // comment
  , b
}
`.replace(/[«»]/g, ''),
            `protocol p { // opens
    indication pain  area "lumbar"     // two members on a commented line stay together
    patients from 50 kg                  // weight floor
    mixture m {
        lidocaine 1 mL // 2 % -> 20 mg
        saline 2 mL } // closes on the member's line
    technique t { needle 30G 4 mm  depth IDS  0.5 mL per point }   // meso-ignore volume-per-point: reviewed
    excludes pregnancy, // the first
        breastfeeding
    excludes heart_block
        , diabetes /* joined */
    excludes a // comment
        , b
}
`);
    });

    test('the line after a `// meso-ignore` comment alone on its line is not split', async () => {
        await expectFormat(
            `protocol p {
    mixture m {
    // meso-ignore amount-unknown: house strength
    nostrength 5 mg  saline 1 mL
    lidocaine 1 mL   saline 1 mL
    }
}
`,
            `protocol p {
    mixture m {
        // meso-ignore amount-unknown: house strength
        nostrength 5 mg  saline 1 mL
        lidocaine 1 mL
        saline 1 mL
    }
}
`);
    });

    test('comments on their own lines are indented like what follows; block comments move as a whole', async () => {
        await expectFormat(
            `  // heading


/* a block
   comment */
substance s {
// first
        class a
            /* inside
               the block */
  source "x"
        // last
}
        /* between */
protocol p { indication pain
  mixture m { saline 2 mL /* inline */ }
  excludes a,
// in a clause
b
}
// at the end


`,
            `// heading

/* a block
   comment */
substance s {
    // first
    class a
    /* inside
       the block */
    source "x"
    // last
}
/* between */
protocol p {
    indication pain
    mixture m { saline 2 mL /* inline */ }
    excludes a,
        // in a clause
        b
}
// at the end
`);
    });

    test('a comment between a declaration and its `{` keeps the brace on its own line', async () => {
        await expectFormat('protocol p // note\n  {\n  indication pain\n}\n', 'protocol p // note\n{\n    indication pain\n}\n');
    });
});

describe('formatter: every example, fixture and std file', () => {
    test.each(files)('%s: idempotent, parses, same meaning, comments kept on their lines', async file => {
        const text = source(join(root, file));
        const original = parse(text);
        expect(original.parseResult.lexerErrors).toEqual([]);
        expect(original.parseResult.parserErrors).toEqual([]);

        const once = await format(text);
        const formatted = parse(once);
        expect(formatted.parseResult.lexerErrors).toEqual([]);
        expect(formatted.parseResult.parserErrors.map(e => e.message)).toEqual([]);

        // Idempotent: the second pass has nothing to do.
        expect((await edits(once)).edits).toEqual([]);

        // Same meaning: same AST, same tokens.
        expect(meaning(formatted.parseResult.value)).toEqual(meaning(original.parseResult.value));
        expect(leaves(formatted).filter(l => !l.hidden).map(l => l.text)).toEqual(leaves(original).filter(l => !l.hidden).map(l => l.text));

        // All comments kept, in order, each with the same tokens on its line (and on the next
        // line for a `//` comment alone on its line).
        expect(commentLines(formatted)).toEqual(commentLines(original));
        expect(commentLines(original).length).toBe(leaves(original).filter(l => l.hidden).length);
    });

    test.each(files)('%s: without comments, one token per line or all on one line: idempotent, same meaning', async file => {
        const original = parse(source(join(root, file)));
        const tokens = leaves(original).filter(l => !l.hidden).map(l => l.text);
        for (const text of [tokens.join('\n'), tokens.join(' ')]) {
            const once = await format(text);
            const formatted = parse(once);
            expect(formatted.parseResult.parserErrors.map(e => e.message)).toEqual([]);
            expect(meaning(formatted.parseResult.value)).toEqual(meaning(original.parseResult.value));
            expect((await edits(once)).edits).toEqual([]);
        }
    });

    test.each(files)('%s: an untidy copy formats to the same text', async file => {
        const text = source(join(root, file));
        const messy = untidy(text);
        expect(messy).not.toBe(text);
        expect(await format(messy)).toBe(await format(text));
    });
});

describe('formatter: diagnostics are unchanged by formatting', () => {
    /** Groups of files that import each other, by name relative to the group's folder. */
    function group(dir: string): Record<string, string> {
        const full = join(root, dir);
        return Object.fromEntries(mesoFiles(full).map(f => [relative(full, f), source(f)]));
    }
    const groups = ['examples', 'test/fixtures/reference', 'test/fixtures/diagnostics'];
    const cases = groups.flatMap(dir => Object.keys(group(dir)).map(name => [dir, name] as const));

    test.each(cases)('%s/%s', async (dir, name) => {
        const files = group(dir);
        const diagnostics = async (texts: Record<string, string>) => {
            const docs = await buildFiles(services, texts);
            const result = (docs[name].diagnostics ?? []).map(d => `${String(d.code)} ${typeof d.message === 'string' ? d.message : ''}`).sort();
            await reset(services);
            return result;
        };
        const before = await diagnostics(files);
        const after = await diagnostics({ ...files, [name]: await format(files[name]) });
        expect(after).toEqual(before);
    });
});

describe('formatter: documents with syntax errors', () => {
    const broken = [
        'protocol p {\n  indication pain\n  mixture m { lidocaine 1 mL\n',
        'protocol p {\n    indication   pain\n    mixture m { lidocaine 1 mL } }\n}\n',
        'substance s {\n  concentration 2 % @ \n}\n',
        'class a\nclass\n  protocol p { indication pain }\n',
        'protocol p { schedule { phase a: sessions of s every 7 days } }'
    ];

    test.each(broken.map((text, i) => [i, text] as const))('broken input %i: no edits, no exception', async (_i, text) => {
        const { document, edits: result } = await edits(text);
        expect(document.parseResult.lexerErrors.length + document.parseResult.parserErrors.length).toBeGreaterThan(0);
        expect(result).toEqual([]);
    });

    test('range formatting before the first error formats that range and keeps every token', async () => {
        const text = 'class   a\nclass   b\nprotocol p {\n  mixture m { lidocaine 1 mL\n';
        const { document, edits: result } = await edits(text, SPACES, { start: { line: 0, character: 0 }, end: { line: 1, character: 9 } });
        const after = TextDocument.applyEdits(document.textDocument, result);
        expect(after).toBe('class a\nclass b\nprotocol p {\n  mixture m { lidocaine 1 mL\n');
        expect(after.split(/\s+/).filter(Boolean)).toEqual(text.split(/\s+/).filter(Boolean));
    });
});
