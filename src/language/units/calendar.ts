/**
 * Calendar months. In a patient's plan a month is a calendar month (2026-01-31 + 1 month is
 * 2026-02-28, the last day of a shorter month). In a protocol, which has no dates, `n months`
 * is the range of days that n calendar months can span: 1 month is 28 to 31 days, 2 months 59
 * to 62, 12 months 365 to 366. Checks take the worst end (the bottom against a minimum
 * interval, the top against a maximum), so no start date can make a protocol break a limit
 * that its check passed.
 */

/** `date` (UTC midnight, ms) plus `months` calendar months, the day clamped to the month's last day. */
export function addMonthsUtc(date: number, months: number): number {
    const d = new Date(date);
    const year = d.getUTCFullYear();
    const month = d.getUTCMonth() + months;
    const day = d.getUTCDate();
    const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
    return Date.UTC(year, month, Math.min(day, last));
}

/** The 400-year Gregorian cycle (after which the calendar repeats): month lengths and the days before each month. */
const CYCLE_MONTHS = 4800;
let lengths: number[] | undefined;
let before: number[] | undefined;

function monthTables(): { lengths: number[]; before: number[] } {
    if (!lengths || !before) {
        lengths = [];
        before = [0];
        for (let m = 0; m < 2 * CYCLE_MONTHS; m++) {
            const year = 2000 + Math.floor(m / 12);
            const month = m % 12;
            const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
            const length = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month];
            lengths.push(length);
            before.push(before[m] + length);
        }
    }
    return { lengths, before };
}

const spans = new Map<number, { low: number; high: number }>();

/**
 * The fewest and most days that `months` calendar months span, over every start day of the
 * 400-year cycle. Only starts on the 1st and from the 28th on differ (a shorter month clamps
 * the 29th to 31st); the others span what the 1st does.
 */
export function monthSpanDays(months: number): { low: number; high: number } {
    let found = spans.get(months);
    if (!found) {
        const { lengths: len, before: cum } = monthTables();
        let low = Infinity;
        let high = 0;
        const cycles = Math.floor(months / CYCLE_MONTHS);
        const rest = months % CYCLE_MONTHS;
        // A whole cycle is 146,097 days whatever the start.
        const whole = cycles * 146_097;
        for (let m = 0; m < CYCLE_MONTHS; m++) {
            for (const day of [1, 28, 29, 30, 31]) {
                if (day > len[m]) continue;
                const end = m + rest;
                const days = whole + cum[end] - cum[m] + Math.min(day, len[end]) - day;
                if (days < low) low = days;
                if (days > high) high = days;
            }
        }
        found = { low, high };
        if (spans.size > 1000) spans.clear();
        spans.set(months, found);
    }
    return found;
}
