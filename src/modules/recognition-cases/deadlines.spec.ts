import {
  daysElapsed,
  deadlineOf,
  isBusinessDay,
  localDate,
  publicHolidays,
  silenceAfterTerm,
  termEnd,
} from './deadlines.js';
import { procedureRulesOf, type ProcedureRules } from './procedure-rules.js';

const rules = (country: string): ProcedureRules => {
  const found = procedureRulesOf(country);
  if (!found) throw new Error(`no rules for ${country}`);
  return found;
};

describe('public holidays of the demo countries, 2025–2027', () => {
  it.each([
    ['CO', '2025-01-06'], // Reyes, moved to Monday
    ['CO', '2026-07-20'], // Independencia
    ['CO', '2027-12-08'],
    ['PE', '2025-07-28'], // Fiestas Patrias
    ['PE', '2026-12-08'],
    ['PE', '2027-08-30'], // Santa Rosa de Lima
    ['EC', '2025-03-04'], // Carnaval
    ['EC', '2026-01-01'],
    ['EC', '2027-12-25'],
    ['BR', '2025-04-21'], // Tiradentes
    ['BR', '2026-09-07'], // Independência
    ['BR', '2027-11-15'],
  ])('%s: %s is a public holiday', (country, date) => {
    expect(publicHolidays(country, Number(date.slice(0, 4))).has(date)).toBe(true);
    expect(isBusinessDay(country, date)).toBe(false);
  });

  it('weekends are not business days, an ordinary Tuesday is', () => {
    expect(isBusinessDay('PE', '2026-06-06')).toBe(false); // Saturday
    expect(isBusinessDay('PE', '2026-06-07')).toBe(false); // Sunday
    expect(isBusinessDay('PE', '2026-06-09')).toBe(true);
  });
});

describe('termEnd', () => {
  it('PE: 30 business days skip weekends and Fiestas Patrias', () => {
    // From Friday 2025-07-11: 14 weekdays left in July less 23 (Fuerza Aérea), 28 and 29 July
    // (Fiestas Patrias) is 11; August less the 6th (Junín) reaches 30 on Thursday the 28th.
    expect(termEnd(rules('PE'), '2025-07-11', 30)).toBe('2025-08-28');
    expect(daysElapsed(rules('PE'), '2025-07-11', '2025-08-28')).toBe(30);
    expect(daysElapsed(rules('PE'), '2025-07-25', '2025-07-30')).toBe(1);
  });

  it('EC: 30 business days skip Carnaval', () => {
    // 3 and 4 March are Carnaval: the count starts on Wednesday the 5th.
    expect(termEnd(rules('EC'), '2025-02-28', 30)).toBe('2025-04-15');
    expect(daysElapsed(rules('EC'), '2025-02-28', '2025-03-05')).toBe(1);
  });

  it('CO: calendar days; a term ending on a day off ends on the next business day', () => {
    // 2026-01-01 + 60 days is Tuesday 2026-03-02, a business day.
    expect(termEnd(rules('CO'), '2026-01-01', 60)).toBe('2026-03-02');
    // 2025-11-07 + 60 days is Tuesday 2026-01-06; 2025-11-08 + 59: Reyes falls on 2026-01-12.
    expect(termEnd(rules('CO'), '2025-11-13', 60)).toBe('2026-01-13');
    expect(isBusinessDay('CO', '2026-01-12')).toBe(false);
    expect(termEnd(rules('CO'), '2025-11-12', 60)).toBe('2026-01-13');
  });

  it('BR: 180 calendar days; ending on a Saturday moves to Monday', () => {
    expect(termEnd(rules('BR'), '2026-01-01', 180)).toBe('2026-06-30');
    expect(termEnd(rules('BR'), '2025-12-07', 180)).toBe('2026-06-05');
    expect(termEnd(rules('BR'), '2025-12-08', 180)).toBe('2026-06-08');
  });
});

describe('deadlineOf', () => {
  const pe = rules('PE');
  const at = (iso: string) => new Date(iso);

  it('counts in the country’s time zone', () => {
    expect(localDate(at('2026-06-10T03:00:00Z'), 'America/Lima')).toBe('2026-06-09');
  });

  it('shows the deadline and the business days left, then overdue once it passed', () => {
    const clock = { termDays: 30, runningSince: '2025-07-11', daysUsed: 0 };
    expect(deadlineOf(pe, clock, at('2025-08-27T15:00:00Z'))).toEqual({
      deadline: '2025-08-28',
      daysLeft: 1,
      overdue: false,
    });
    expect(deadlineOf(pe, clock, at('2025-08-29T04:59:00Z')).overdue).toBe(false); // 23:59 in Lima
    expect(deadlineOf(pe, clock, at('2025-08-29T05:00:00Z'))).toEqual({
      deadline: '2025-08-28',
      daysLeft: 0,
      overdue: true,
    });
  });

  it('a stopped clock has no deadline; restarted, it counts only the days left', () => {
    expect(
      deadlineOf(pe, { termDays: 30, runningSince: null, daysUsed: 10 }, at('2026-06-01')),
    ).toEqual({
      deadline: null,
      daysLeft: null,
      overdue: false,
    });
    const restarted = { termDays: 30, runningSince: '2025-07-11', daysUsed: 10 };
    expect(deadlineOf(pe, restarted, at('2025-07-14T15:00:00Z')).deadline).toBe(
      termEnd(pe, '2025-07-11', 20),
    );
  });
});

describe('silence once the term passed', () => {
  it.each([
    ['CO', 'NEGATIVE'],
    ['PE', 'NEGATIVE'],
    ['EC', 'POSITIVE'],
    ['BR', 'NONE'],
  ])('%s: %s, and nothing before the deadline', (country, meaning) => {
    const r = rules(country);
    const clock = { termDays: r.routes[0].days, runningSince: '2025-01-02', daysUsed: 0 };
    const deadline = termEnd(r, '2025-01-02', r.routes[0].days);
    const onTheDay = new Date(`${deadline}T12:00:00Z`);
    const after = new Date(Date.parse(`${deadline}T12:00:00Z`) + 86_400_000);
    expect(silenceAfterTerm(r, deadlineOf(r, clock, onTheDay))).toBeNull();
    expect(silenceAfterTerm(r, deadlineOf(r, clock, after))).toBe(meaning);
  });
});
