import type { Locale } from './locale.js';

/** The values a message's placeholders take. */
export type MessageArgs = Readonly<Record<string, string | number>>;

/** A parsed message: text, `{name}`, and `{name, plural, one {...} other {...}}` with `#`. */
type Part = string | { arg: string } | { arg: string; plural: Record<string, Part[]> } | { hash: true };

const cache = new Map<string, Part[]>();
const pluralRules = new Map<Locale, Intl.PluralRules>();

/** Parses the ICU subset Meso's catalogues use; throws on an unbalanced brace. */
export function parseMessage(text: string): Part[] {
    const cached = cache.get(text);
    if (cached) return cached;
    const [parts, end] = parseParts(text, 0, false);
    if (end !== text.length) throw new Error(`unbalanced '}' in message: ${text}`);
    cache.set(text, parts);
    return parts;
}

function parseParts(text: string, start: number, inPlural: boolean): [Part[], number] {
    const parts: Part[] = [];
    let i = start;
    let literal = '';
    while (i < text.length && text[i] !== '}') {
        const c = text[i];
        if (c === '{') {
            if (literal) parts.push(literal);
            literal = '';
            const [part, next] = parsePlaceholder(text, i + 1);
            parts.push(part);
            i = next;
        } else if (c === '#' && inPlural) {
            if (literal) parts.push(literal);
            literal = '';
            parts.push({ hash: true });
            i++;
        } else {
            literal += c;
            i++;
        }
    }
    if (literal) parts.push(literal);
    return [parts, i];
}

function parsePlaceholder(text: string, start: number): [Part, number] {
    const close = text.indexOf('}', start);
    const comma = text.indexOf(',', start);
    if (close < 0) throw new Error(`unclosed '{' in message: ${text}`);
    if (comma < 0 || close < comma) return [{ arg: text.slice(start, close).trim() }, close + 1];
    const arg = text.slice(start, comma).trim();
    const kind = text.slice(comma + 1).match(/^\s*plural\s*,/);
    if (!kind) throw new Error(`only {${arg}, plural, ...} is supported: ${text}`);
    let i = comma + 1 + kind[0].length;
    const plural: Record<string, Part[]> = {};
    for (;;) {
        const selector = text.slice(i).match(/^\s*([a-z]+|=[0-9]+)\s*\{/);
        if (!selector) break;
        const [parts, end] = parseParts(text, i + selector[0].length, true);
        if (text[end] !== '}') throw new Error(`unclosed plural form in message: ${text}`);
        plural[selector[1]] = parts;
        i = end + 1;
    }
    const rest = text.slice(i).match(/^\s*\}/);
    if (!rest || !plural.other) throw new Error(`a plural needs an 'other' form and a closing '}': ${text}`);
    return [{ arg, plural }, i + rest[0].length];
}

/** The names of the placeholders of a message, plural arguments included, sorted. */
export function placeholdersOf(text: string): string[] {
    const names = new Set<string>();
    const walk = (parts: Part[]) => parts.forEach(p => {
        if (typeof p === 'string' || 'hash' in p) return;
        names.add(p.arg);
        if ('plural' in p) Object.values(p.plural).forEach(walk);
    });
    walk(parseMessage(text));
    return [...names].sort();
}

/** The message with its placeholders filled; a missing argument stays `{name}` (a test catches it). */
export function formatMessage(locale: Locale, text: string, args: MessageArgs = {}): string {
    return render(locale, parseMessage(text), args, undefined);
}

function render(locale: Locale, parts: Part[], args: MessageArgs, count: number | undefined): string {
    return parts.map(p => {
        if (typeof p === 'string') return p;
        if ('hash' in p) return String(count ?? '#');
        const value = args[p.arg];
        if (value === undefined) return `{${p.arg}}`;
        if (!('plural' in p)) return String(value);
        const n = Number(value);
        const form = p.plural[`=${n}`] ?? p.plural[pluralRule(locale).select(n)] ?? p.plural.other;
        return render(locale, form, args, n);
    }).join('');
}

function pluralRule(locale: Locale): Intl.PluralRules {
    let rule = pluralRules.get(locale);
    if (!rule) pluralRules.set(locale, rule = new Intl.PluralRules(locale));
    return rule;
}
