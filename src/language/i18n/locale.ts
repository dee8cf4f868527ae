/** The languages Meso speaks. English is the fallback for any other. */
export const LOCALES = ['en', 'it'] as const;
export type Locale = typeof LOCALES[number];

/**
 * The Meso locale of a language tag as LSP clients (`it`, `it-IT`) and POSIX locales
 * (`it_IT.UTF-8`, `it_IT@euro`, `C`) write it; undefined when Meso does not speak it.
 */
export function localeOf(tag: string | undefined): Locale | undefined {
    const language = tag?.trim().toLowerCase().split(/[-_.@]/)[0];
    if (language === 'c' || language === 'posix') return 'en';
    return LOCALES.find(l => l === language);
}

/**
 * The locale of the first tag that is set (not undefined, not empty): the first one decides,
 * as POSIX does with LC_ALL, LC_MESSAGES and LANG; English when it names another language.
 */
export function firstLocale(...tags: (string | undefined)[]): Locale {
    const first = tags.find(tag => tag !== undefined && tag.trim() !== '');
    return localeOf(first) ?? 'en';
}
