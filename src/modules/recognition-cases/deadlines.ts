// The legal term of a case, counted as each country's law counts it: calendar or business days
// (Monday to Friday, not a public holiday), in the country's own time zone, from the day after
// the clock starts; a term that ends on a day off ends on the next business day. A request for
// information stops the clock; the holder's answer starts it again with the days left.

import { createRequire } from 'node:module';
import type HolidaysClass from 'date-holidays';
import type { ProcedureRules } from './procedure-rules.js';

// Loaded when a term is first counted, not at start: every country's calendar is 8.7 MB of heap
// (decision 0022).
const require = createRequire(import.meta.url);
let Holidays: typeof HolidaysClass | undefined;

const DAY_MS = 86_400_000;

/** The calendar date (`YYYY-MM-DD`) of an instant in a time zone. */
export function localDate(at: Date, timeZone: string): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);
}

const nextDay = (date: string) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);

const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();

const holidayCache = new Map<string, Set<string>>();

/** The public holidays of a country in a year (date-holidays' `public` type only). */
export function publicHolidays(country: string, year: number): Set<string> {
  const key = `${country}:${year}`;
  let days = holidayCache.get(key);
  if (!days) {
    Holidays ??= require('date-holidays') as typeof HolidaysClass;
    const calendar = new Holidays(country);
    days = new Set(
      (calendar.getHolidays(year) || [])
        .filter((holiday) => holiday.type === 'public')
        .map((holiday) => holiday.date.slice(0, 10)),
    );
    holidayCache.set(key, days);
  }
  return days;
}

export function isBusinessDay(country: string, date: string): boolean {
  const day = weekday(date);
  if (day === 0 || day === 6) return false;
  return !publicHolidays(country, Number(date.slice(0, 4))).has(date);
}

const counts = (rules: ProcedureRules, date: string) =>
  rules.dayCount === 'CALENDAR' || isBusinessDay(rules.country, date);

/** The last day of a term of `days` counted from the day after `from`. */
export function termEnd(rules: ProcedureRules, from: string, days: number): string {
  let date = from;
  let left = days;
  while (left > 0) {
    date = nextDay(date);
    if (counts(rules, date)) left -= 1;
  }
  while (!isBusinessDay(rules.country, date)) date = nextDay(date);
  return date;
}

/** The days of the term that passed after `from` up to and including `to`. */
export function daysElapsed(rules: ProcedureRules, from: string, to: string): number {
  let elapsed = 0;
  for (let date = nextDay(from); date <= to; date = nextDay(date)) {
    if (counts(rules, date)) elapsed += 1;
  }
  return elapsed;
}

/** Where a case's clock stands: running since a day with some days already used, or stopped. */
export interface CaseClock {
  termDays: number;
  /** The day the clock (re)started; null while it is stopped. */
  runningSince: string | null;
  daysUsed: number;
}

export interface DeadlineView {
  /** The last day to decide; null while the clock is stopped (information requested). */
  deadline: string | null;
  daysLeft: number | null;
  overdue: boolean;
}

export function deadlineOf(rules: ProcedureRules, clock: CaseClock, now: Date): DeadlineView {
  if (clock.runningSince === null) return { deadline: null, daysLeft: null, overdue: false };
  const remaining = Math.max(clock.termDays - clock.daysUsed, 0);
  const deadline = termEnd(rules, clock.runningSince, remaining);
  const today = localDate(now, rules.timeZone);
  const overdue = today > deadline;
  return {
    deadline,
    daysLeft: overdue ? 0 : daysElapsed(rules, today, deadline),
    overdue,
  };
}

/** What the law says the authority's silence means, once the term has passed; null before. */
export function silenceAfterTerm(
  rules: ProcedureRules,
  view: DeadlineView,
): ProcedureRules['silence'] | null {
  return view.overdue ? rules.silence : null;
}
