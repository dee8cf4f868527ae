/**
 * Largest counts the semantics accept (validation reports larger ones as `invalid-number`).
 * Sessions are laid out one by one, so an unbounded count could exhaust memory; a count
 * beyond these is no real protocol, and its digits may not even fit a double.
 */
export const MAX_COUNT = { sessionsPerPhase: 1000, points: 100_000, scheduledSessions: 10_000 } as const;

/** A count written as a whole number from 1 to `max`; anything else is unknown. */
export function count(text: string | undefined, max: number): number | undefined {
    if (text === undefined || !/^[0-9]+$/.test(text)) return undefined;
    const n = Number(text);
    return n >= 1 && n <= max ? n : undefined;
}
