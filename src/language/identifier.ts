/**
 * A name as the grammar's `ID` terminal spells it (letters, µ, Latin accents, digits, `²` and `_`;
 * no dot, slash or backslash, so never a path). The grammar cannot import it; a test keeps the
 * two equal.
 */
export const IDENTIFIER = /[_a-zA-Z\u00B5\u03BC\u00C0-\u024F][\w\u00B5\u03BC\u00B2\u00C0-\u024F]*/;

/** The whole text is one identifier. */
export const WHOLE_IDENTIFIER = new RegExp(`^${IDENTIFIER.source}$`);
