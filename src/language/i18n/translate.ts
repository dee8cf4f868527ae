import { formatMessage } from './format-message.js';
import type { Locale } from './locale.js';
import { en, type MessageKey } from './messages.en.js';
import { it } from './messages.it.js';

export type { MessageKey } from './messages.en.js';

/**
 * A message of the catalogue by key, its arguments still to be rendered: a diagnostic keeps it in
 * `data.message`, so that the document validator gives it in the run's or the server's language.
 * An argument may itself be a message (`the maximum of {cap}`, the cap a message of its own) or a
 * list of messages, rendered in the same language and joined with ", ".
 */
export interface CatalogueMessage {
    readonly key: MessageKey;
    readonly args?: MessageArgs;
}
export type MessageArg = string | number | CatalogueMessage | readonly CatalogueMessage[];
export type MessageArgs = Readonly<Record<string, MessageArg>>;

/** The catalogues by locale. */
export const CATALOGUES: Readonly<Record<Locale, Readonly<Record<MessageKey, string>>>> = { en, it };

/** A catalogue message, for a diagnostic or a fragment of one. */
export function msg(key: MessageKey, args?: MessageArgs): CatalogueMessage {
    return args ? { key, args } : { key };
}

/** The message `key` in `locale`, its placeholders filled from `args` (messages among them rendered in `locale`). */
export function t(locale: Locale, key: MessageKey, args?: MessageArgs): string {
    return formatMessage(locale, CATALOGUES[locale][key], args && renderArgs(locale, args));
}

function renderArgs(locale: Locale, args: MessageArgs): Record<string, string | number> {
    const rendered: Record<string, string | number> = {};
    for (const [name, value] of Object.entries(args)) {
        rendered[name] = typeof value !== 'object' ? value
            : Array.isArray(value) ? (value as readonly CatalogueMessage[]).map(m => t(locale, m.key, m.args)).join(', ')
            : t(locale, (value as CatalogueMessage).key, (value as CatalogueMessage).args);
    }
    return rendered;
}
