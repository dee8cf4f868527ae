import type { Fraction } from 'fraction.js';
import { addMonthsUtc } from '../units/calendar.js';
import type { Span } from '../units/span.js';
import type { ScheduledSession } from './schedule.js';

/** A session's date in a plan: the earliest and the latest it may fall on (equal for a fixed schedule). */
export interface PlanDate {
    readonly earliest: string;
    readonly latest: string;
}

const DAY = 86_400_000;

/** The ISO date `days` (rounded down) after a UTC midnight given in ms; undefined off the YYYY-MM-DD calendar. */
export function isoAfter(base: number, days: Fraction): string | undefined {
    return iso(base + Number(days.floor().valueOf()) * DAY);
}

function iso(ms: number): string | undefined {
    const date = new Date(ms);
    // Past year 275760 there is no Date at all; past 9999 toISOString writes `+010000-…`.
    if (Number.isNaN(date.getTime())) return undefined;
    const text = date.toISOString();
    return text.length === 24 ? text.slice(0, 10) : undefined;
}

/** `from` plus a gap (days, or calendar months), `times` times, at one end of the gap's range. */
function after(from: number, days: Span, months: Span | undefined, times: number, end: 'low' | 'high'): number {
    if (months) return addMonthsUtc(from, Number(months[end].valueOf()) * times);
    return from + Number(days[end].mul(times).floor().valueOf()) * DAY;
}

/**
 * The calendar dates of a schedule from a start date (UTC midnight, ms): each at the earliest
 * (every gap at its low end, optional sessions skipped) and the latest. Gaps in months are
 * calendar months, counted from the first session of the phase so that monthly sessions keep
 * their day of the month (31 Jan, 28 Feb, 31 Mar). Undefined when a day is unknown or a date
 * falls after 9999-12-31.
 */
export function planDates(schedule: ScheduledSession[], start: number): PlanDate[] | undefined {
    const dates: PlanDate[] = [];
    // The previous phase's last session: its mandatory last one at the earliest, its last one at the latest.
    let end = { earliest: start, latest: start };
    let firstOfPhase = { earliest: start, latest: start };
    let k = 0;
    for (let i = 0; i < schedule.length; i++) {
        const s = schedule[i];
        const newPhase = i === 0 || schedule[i - 1].phase !== s.phase;
        if (i > 0 && (!s.gapBefore || !s.day)) return undefined;
        let earliest: number;
        let latest: number;
        if (newPhase) {
            earliest = i === 0 ? start : after(end.earliest, s.gapBefore!, s.gapMonths, 1, 'low');
            latest = i === 0 ? start : after(end.latest, s.gapBefore!, s.gapMonths, 1, 'high');
            firstOfPhase = { earliest, latest };
            k = 0;
        } else {
            k++;
            earliest = after(firstOfPhase.earliest, s.gapBefore!, s.gapMonths, k, 'low');
            latest = after(firstOfPhase.latest, s.gapBefore!, s.gapMonths, k, 'high');
        }
        const e = iso(earliest);
        const l = iso(latest);
        if (!e || !l) return undefined;
        dates.push({ earliest: e, latest: l });
        // The next phase starts, at the earliest, after this phase's last mandatory session.
        end = { earliest: s.optional ? end.earliest : earliest, latest };
    }
    return dates;
}
