/**
 * Messages of schedules (sessions-per-cycle, interval-too-short, course-too-long, missing-skin-test
 * on a protocol), English and Italian side by side.
 */
export const schedulesEn = {
    'part.dayCount': '{n, plural, one {{days} day} other {{days} days}}',
    'part.asLittleAs': 'as little as {days}',
    'part.upToSessions': 'up to {n} ({low}–{n})',
    'part.forIndication': ' for {indication}',
    'part.course.maxConsecutive.days': 'its maximum is {max} consecutive days{from}',
    'part.course.maxConsecutive.weeks': 'its maximum is {max} consecutive weeks{from}',
    'part.course.longest': 'its longest course is {days}{from}',
    'part.course.onConsecutive.days': 'on {n} consecutive days',
    'part.course.onConsecutive.weeks': 'on {n} consecutive weeks',
    'part.course.over': 'over {days}',
    'related.minInterval': 'minimum interval declared here',
    'diag.sessionsPerCycle': 'The cycle has {sessions} sessions (maintenance excluded); the limit{for} is {max} {note}.',
    'diag.sessionsPerCycle.substance': '\'{substance}\' is given in {count, plural, one {# cycle session} other {# cycle sessions}}; its maximum is {max, plural, one {# session} other {# sessions}} per cycle {note}.',
    'diag.intervalTooShort': 'Sessions {a} and {b} are {gap} apart; the minimum interval is {min} {note}.',
    'diag.intervalTooShort.substance': '\'{substance}\' is given in sessions {a} and {b}, {gap} apart; its minimum interval is {min} {note}.',
    'diag.courseTooLong': '\'{substance}\' is given {what} (sessions {first}–{last}); {limit} {note}.',
    'diag.missingSkinTest.protocol': 'Protocol \'{protocol}\' plans no skin test before the first session, which {reason}: add \'skin test 2 days before first session\', or \'skin test not needed "<reason>"\'.'
} as const;

export const schedulesIt: Record<keyof typeof schedulesEn, string> = {
    'part.dayCount': '{n, plural, one {{days} giorno} other {{days} giorni}}',
    'part.asLittleAs': 'appena {days}',
    'part.upToSessions': 'fino a {n} ({low}–{n})',
    'part.forIndication': ' per {indication}',
    'part.course.maxConsecutive.days': 'il massimo è di {max} giorni consecutivi{from}',
    'part.course.maxConsecutive.weeks': 'il massimo è di {max} settimane consecutive{from}',
    'part.course.longest': 'la durata massima del trattamento è di {days}{from}',
    'part.course.onConsecutive.days': 'per {n} giorni consecutivi',
    'part.course.onConsecutive.weeks': 'per {n} settimane consecutive',
    'part.course.over': 'nell\'arco di {days}',
    'related.minInterval': 'intervallo minimo dichiarato qui',
    'diag.sessionsPerCycle': 'Il ciclo comprende {sessions} sedute (mantenimento escluso); il limite{for} è {max} {note}.',
    'diag.sessionsPerCycle.substance': '\'{substance}\' è somministrato in {count, plural, one {# seduta del ciclo} other {# sedute del ciclo}}; il massimo è {max, plural, one {# seduta} other {# sedute}} per ciclo {note}.',
    'diag.intervalTooShort': 'Tra le sedute {a} e {b} passano {gap}; l\'intervallo minimo è di {min} {note}.',
    'diag.intervalTooShort.substance': '\'{substance}\' è somministrato nelle sedute {a} e {b}, distanziate di {gap}; il suo intervallo minimo è di {min} {note}.',
    'diag.courseTooLong': '\'{substance}\' è somministrato {what} (sedute {first}–{last}); {limit} {note}.',
    'diag.missingSkinTest.protocol': 'Il protocollo \'{protocol}\' non prevede alcun test cutaneo prima della prima seduta, e il test {reason}: aggiungere \'test cutaneo 2 giorni prima first seduta\', oppure \'test cutaneo non necessario "<motivo>"\'.'
};
