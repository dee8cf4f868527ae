import { firstLocale, localeOf, type Locale } from './locale.js';
import { t, type MessageArgs, type MessageKey } from './translate.js';

/**
 * The language one run (the CLI) or one server speaks, read at each request: the `meso.locale`
 * setting when it names a language, else the client's locale (LSP `initialize.locale`), else English.
 */
export class MesoLocale {
    private clientLocale: Locale = 'en';
    private setting: Locale | undefined;

    get current(): Locale {
        return this.setting ?? this.clientLocale;
    }

    /** The client's display language (`initialize.locale`), or the CLI's resolved locale. */
    setClient(tag: string | undefined): void {
        this.clientLocale = firstLocale(tag);
    }

    /** The `meso.locale` setting: `en`, `it`, or anything else (`auto`, empty) to follow the client. */
    setSetting(value: unknown): void {
        this.setting = typeof value === 'string' ? localeOf(value) : undefined;
    }

    /** The message `key` in the current locale. */
    t(key: MessageKey, args?: MessageArgs): string {
        return t(this.current, key, args);
    }
}
