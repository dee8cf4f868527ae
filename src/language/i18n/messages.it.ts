import type { MessageKey } from './messages.en.js';
import { dosesIt } from './diagnostics/doses.js';
import { schedulesIt } from './diagnostics/schedules.js';
import { patientsIt } from './diagnostics/patients.js';

/**
 * Il catalogo italiano: le stesse chiavi e gli stessi segnaposto di messages.en.ts, in italiano
 * clinico (quello dei riassunti delle caratteristiche del prodotto), non parola per parola.
 */
export const it: Record<MessageKey, string> = {
    ...dosesIt,
    ...schedulesIt,
    ...patientsIt,
    'cli.summary': '{files, plural, one {# file controllato} other {# file controllati}}: {errors, plural, one {# errore} other {# errori}}, {warnings, plural, one {# avviso} other {# avvisi}}.',
    'cli.tooManyWarnings': 'Troppi avvisi: {warnings} (--max-warnings ne consente al massimo {max}).',
    'cli.noFiles': 'Nessun file .meso trovato in {paths}.',
    'cli.badLocale': 'lingua \'{locale}\' sconosciuta: Meso parla {locales}.',
    'status.starting': 'Meso: avvio…',
    'status.stopped': 'Meso: server fermo',
    'status.restart': 'Riavvia',
    'status.checking': 'Meso: controllo in corso…',
    'status.clean': 'Meso: nessun problema',
    'status.problems': 'Meso: {errors, plural, one {# errore} other {# errori}}, {warnings, plural, one {# avviso} other {# avvisi}}',
    'status.showProblems': 'Mostra i problemi',
    'lsp.moreProblems': '{count, plural, one {Un altro problema} other {Altri # problemi}} in questo file non {count, plural, one {è mostrato} other {sono mostrati}} (l\'editor mostra i primi {max}; `meso check` li elenca tutti).',
    'diag.unused.mixture': 'La miscela \'{name}\' non è mai iniettata.',
    'diag.unused.technique': 'La tecnica \'{name}\' non è mai usata.',
    'diag.unused.session': 'La seduta \'{name}\' non è in nessuna fase del calendario.',
    'completion.keyword': 'Parola chiave',
    'lens.schedule': '{cycle} sedute + {maintenance} di mantenimento · {days} giorni',
    'lens.compile': 'Compila in JSON',
    'lens.preview': 'Anteprima',
    'hint.perSession': '= {amounts}/seduta',
    'hint.perSession.tooltip': 'Quantità somministrata a ogni seduta da questo componente (quota iniettata della miscela × concentrazione).',
    'hint.day': 'giorno {day}',
    'hint.days': 'giorni {days}'
};
