import { dosesEn } from './diagnostics/doses.js';
import { schedulesEn } from './diagnostics/schedules.js';
import { patientsEn } from './diagnostics/patients.js';

/**
 * The English catalogue: every text a user reads, by key. Placeholders are `{name}`; plurals are
 * `{count, plural, one {# session} other {# sessions}}` (Intl.PluralRules forms, `#` the number).
 * messages.it.ts must have the same keys and placeholders (test/language/i18n/catalogue.test.ts).
 */
export const en = {
    ...dosesEn,
    ...schedulesEn,
    ...patientsEn,
    'cli.summary': '{files, plural, one {# file} other {# files}} checked: {errors, plural, one {# error} other {# errors}}, {warnings, plural, one {# warning} other {# warnings}}.',
    'cli.tooManyWarnings': 'Too many warnings: {warnings} (at most {max} allowed by --max-warnings).',
    'cli.noFiles': 'No .meso files found in {paths}.',
    'cli.badLocale': 'unknown locale \'{locale}\': Meso speaks {locales}.',
    'status.starting': 'Meso: starting…',
    'status.stopped': 'Meso: server stopped',
    'status.restart': 'Restart',
    'status.checking': 'Meso: checking…',
    'status.clean': 'Meso: no problems',
    'status.problems': 'Meso: {errors, plural, one {# error} other {# errors}}, {warnings, plural, one {# warning} other {# warnings}}',
    'status.showProblems': 'Show problems',
    'lsp.moreProblems': '{count, plural, one {# more problem} other {# more problems}} in this file not shown (the editor shows the first {max}; `meso check` lists them all).',
    'diag.unused.mixture': 'Mixture \'{name}\' is never used.',
    'diag.unused.technique': 'Technique \'{name}\' is never used.',
    'diag.unused.session': 'Session \'{name}\' is never used.',
    'completion.keyword': 'Keyword',
    'lens.schedule': '{cycle} sessions + {maintenance} maintenance · {days} days',
    'lens.compile': 'Compile to JSON',
    'lens.preview': 'Preview',
    'hint.perSession': '= {amounts}/session',
    'hint.perSession.tooltip': 'Delivered per session by this component (injected share of the mixture × concentration).',
    'hint.day': 'day {day}',
    'hint.days': 'days {days}'
} as const satisfies Record<string, string>;

export type MessageKey = keyof typeof en;
