import { formatMessage, type MessageArgs } from './format-message.js';
import type { Locale } from './locale.js';
import { en, type MessageKey } from './messages.en.js';
import { it } from './messages.it.js';

export type { MessageKey } from './messages.en.js';
export type { MessageArgs } from './format-message.js';

/** The catalogues by locale. */
export const CATALOGUES: Readonly<Record<Locale, Readonly<Record<MessageKey, string>>>> = { en, it };

/** The message `key` in `locale`, its placeholders filled from `args`. */
export function t(locale: Locale, key: MessageKey, args?: MessageArgs): string {
    return formatMessage(locale, CATALOGUES[locale][key], args);
}
