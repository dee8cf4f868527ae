import { describe, expect, test } from 'vitest';
import { formatMessage, placeholdersOf } from '../../../src/language/i18n/format-message.js';
import { firstLocale, localeOf } from '../../../src/language/i18n/locale.js';
import { en } from '../../../src/language/i18n/messages.en.js';
import { it } from '../../../src/language/i18n/messages.it.js';
import { CATALOGUES, t } from '../../../src/language/i18n/translate.js';

describe('message catalogues', () => {
    test('Italian has exactly the English keys', () => {
        expect(Object.keys(it).sort()).toEqual(Object.keys(en).sort());
    });

    test.each(Object.keys(en))('%s keeps its placeholders in every language', key => {
        const english = placeholdersOf(en[key as keyof typeof en]);
        for (const catalogue of Object.values(CATALOGUES)) {
            expect(placeholdersOf(catalogue[key as keyof typeof en]), key).toEqual(english);
        }
    });

    test('no translation is left in English or empty', () => {
        const same = Object.keys(en).filter(k => it[k as keyof typeof en] === en[k as keyof typeof en] && /[a-z]{4}/.test(en[k as keyof typeof en].replace(/\{[^}]*\}/g, '')));
        expect(same).toEqual([]);
        expect(Object.values(it).filter(v => v.trim() === '')).toEqual([]);
    });
});

describe('message format', () => {
    test('plural forms in both languages', () => {
        expect(t('en', 'cli.summary', { files: 1, errors: 2, warnings: 0 })).toBe('1 file checked: 2 errors, 0 warnings.');
        expect(t('it', 'cli.summary', { files: 2, errors: 1, warnings: 1 })).toBe('2 file controllati: 1 errore, 1 avviso.');
        expect(t('it', 'cli.summary', { files: 1, errors: 0, warnings: 3 })).toBe('1 file controllato: 0 errori, 3 avvisi.');
        expect(formatMessage('it', '{n, plural, one {# seduta} other {# sedute}}', { n: 1 })).toBe('1 seduta');
        expect(formatMessage('it', '{n, plural, one {# seduta} other {# sedute}}', { n: 2 })).toBe('2 sedute');
        expect(formatMessage('en', '{n, plural, =0 {none} one {# {what}} other {# {what}s}}', { n: 0, what: 'day' })).toBe('none');
        expect(formatMessage('en', '{n, plural, =0 {none} one {# {what}} other {# {what}s}}', { n: 3, what: 'day' })).toBe('3 days');
    });

    test('placeholders are found inside plural forms', () => {
        expect(placeholdersOf('{a} {n, plural, one {# {b}} other {# {c}}}')).toEqual(['a', 'b', 'c', 'n']);
    });

    test('a malformed message is refused', () => {
        expect(() => placeholdersOf('{n, plural, one {x}}')).toThrow(/other/);
        expect(() => placeholdersOf('{n')).toThrow(/unclosed/);
        expect(() => placeholdersOf('a } b')).toThrow(/unbalanced/);
        expect(() => placeholdersOf('{n, select, a {x} other {y}}')).toThrow(/plural/);
    });
});

describe('locale tags', () => {
    test.each([['it', 'it'], ['it-IT', 'it'], ['it_IT.UTF-8', 'it'], ['it_CH@euro', 'it'], ['en-GB', 'en'], ['C', 'en'], ['POSIX', 'en'], ['fr_FR.UTF-8', undefined], ['', undefined]])(
        '%s is %s', (tag, locale) => expect(localeOf(tag)).toBe(locale));

    test('the first variable set decides, as POSIX does', () => {
        expect(firstLocale(undefined, '', 'it_IT.UTF-8', 'en_US.UTF-8')).toBe('it');
        expect(firstLocale('fr_FR.UTF-8', 'it_IT.UTF-8')).toBe('en');
        expect(firstLocale()).toBe('en');
    });
});
