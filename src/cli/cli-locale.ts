import { firstLocale, localeOf, LOCALES, type Locale } from '../language/i18n/locale.js';
import { t } from '../language/i18n/translate.js';
import { CliError } from './exit-codes.js';

/** The value of `--locale X` or `--locale=X` anywhere before a `--`, if given. */
function localeArgument(argv: readonly string[]): string | undefined {
    let value: string | undefined;
    for (let i = 0; i < argv.length && argv[i] !== '--'; i++) {
        if (argv[i] === '--locale') value = argv[++i] ?? '';
        else if (argv[i].startsWith('--locale=')) value = argv[i].slice('--locale='.length);
    }
    return value;
}

/**
 * The language of one run: `--locale`, else the first of LC_ALL, LC_MESSAGES and LANG that is
 * set (POSIX order), else English. Read before the commands are built, so help is translated too.
 * An unknown `--locale` is a usage error; an unknown environment locale falls back to English.
 */
export function cliLocale(argv: readonly string[], env: Record<string, string | undefined>): Locale {
    const given = localeArgument(argv);
    if (given !== undefined) {
        const locale = localeOf(given);
        if (!locale) throw new CliError(t(firstLocale(env.LC_ALL, env.LC_MESSAGES, env.LANG), 'cli.badLocale', { locale: given, locales: LOCALES.join(', ') }));
        return locale;
    }
    return firstLocale(env.LC_ALL, env.LC_MESSAGES, env.LANG);
}
