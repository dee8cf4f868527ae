/**
 * Italian words for the keywords of the grammar, one word for one keyword: `seduta` lexes as
 * `session`, `miscela` as `mixture`. The grammar is untouched; the token builder widens each
 * keyword's pattern (parsing/meso-token-builder.ts) and the lexer gives the token the keyword's
 * English image, so the AST, the semantics and the JSON are the same in both languages while
 * the text (and so the formatter) keeps the author's words. Words Italian shares with English
 * (`per`, `in`, `max`, `min`, `test`, `volume`, `area`, `info`) need no entry.
 */
export const ITALIAN_KEYWORDS: Readonly<Record<string, readonly string[]>> = {
    session: ['seduta'],
    sessions: ['sedute'],
    mixture: ['miscela'],
    technique: ['tecnica'],
    needle: ['ago'],
    depth: ['profondità', 'profondita'],
    point: ['punto'],
    points: ['punti'],
    cycle: ['ciclo'],
    phase: ['fase'],
    maintenance: ['mantenimento'],
    patient: ['paziente'],
    patients: ['pazienti'],
    weight: ['peso'],
    allergic: ['allergico'],
    every: ['ogni'],
    before: ['prima'],
    after: ['dopo'],
    of: ['di'],
    inject: ['inietta'],
    using: ['con'],
    protocol: ['protocollo'],
    schedule: ['calendario'],
    duration: ['durata'],
    indication: ['indicazione'],
    from: ['da'],
    concentration: ['concentrazione'],
    substance: ['sostanza'],
    aliases: ['alias'],
    on: ['il'],
    class: ['classe'],
    condition: ['condizione'],
    conditions: ['condizioni'],
    contraindicated: ['controindicato'],
    contraindication: ['controindicazione'],
    interaction: ['interazione'],
    layer: ['strato'],
    limit: ['limite'],
    source: ['fonte'],
    evidence: ['evidenza'],
    required: ['richiesto'],
    not: ['non'],
    needed: ['necessario'],
    interval: ['intervallo'],
    day: ['giorno'],
    week: ['settimana'],
    consecutive: ['consecutivi'],
    course: ['trattamento'],
    withdrawn: ['ritirato'],
    follows: ['segue'],
    negative: ['negativo'],
    positive: ['positivo'],
    device: ['dispositivo'],
    syringe: ['siringa'],
    gun: ['pistola'],
    excludes: ['esclude'],
    unless: ['salvo'],
    length: ['lunghezza'],
    mixing: ['miscelazione'],
    require: ['richiede'],
    pain: ['dolore'],
    aesthetic: ['estetica'],
    vascular: ['vascolare'],
    dermatology: ['dermatologia'],
    error: ['errore'],
    warning: ['avviso']
};

const ITALIAN_WORDS = new Set(Object.values(ITALIAN_KEYWORDS).flat());

/** Whether a keyword was written in Italian (`seduta`, not `session`). */
export function isItalianKeywordText(text: string): boolean {
    return ITALIAN_WORDS.has(text);
}

/** The Italian word for a keyword (the first, for `profondità`), or undefined. */
export function italianKeyword(keyword: string): string | undefined {
    return ITALIAN_KEYWORDS[keyword]?.[0];
}

/**
 * The language a file is written in, from its keyword tokens (name and image as the lexer
 * gives them): Italian when more of the keywords that have an Italian word are written in
 * Italian than in English. Completion offers that language's words.
 */
export function keywordLanguage(tokens: Iterable<{ readonly name: string; readonly image: string }>): 'en' | 'it' {
    let english = 0;
    let italian = 0;
    for (const { name, image } of tokens) {
        if (!ITALIAN_KEYWORDS[name] && name !== 'skin') continue;
        if (image === name) english++;
        else italian++;
    }
    return italian > english ? 'it' : 'en';
}
