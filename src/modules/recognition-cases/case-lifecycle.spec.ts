import { assertMove, clockAfter } from './case-lifecycle.js';
import { termEnd } from './deadlines.js';
import { procedureRulesOf, type ProcedureRules } from './procedure-rules.js';

const pe = procedureRulesOf('PE') as ProcedureRules;

describe('assertMove', () => {
  it.each([
    ['SUBMITTED', 'IN_REVIEW', 'AUTHORITY'],
    ['SUBMITTED', 'WITHDRAWN', 'HOLDER'],
    ['IN_REVIEW', 'INFO_REQUESTED', 'AUTHORITY'],
    ['INFO_REQUESTED', 'IN_REVIEW', 'HOLDER'],
    ['INFO_REQUESTED', 'DECIDED', 'AUTHORITY'],
  ] as const)('%s → %s by the %s', (from, to, actor) => {
    expect(() => assertMove(from, to, actor)).not.toThrow();
  });

  it.each([
    ['SUBMITTED', 'IN_REVIEW', 'HOLDER'],
    ['IN_REVIEW', 'IN_REVIEW', 'HOLDER'],
    ['IN_REVIEW', 'WITHDRAWN', 'AUTHORITY'],
    ['DECIDED', 'WITHDRAWN', 'HOLDER'],
    ['WITHDRAWN', 'IN_REVIEW', 'AUTHORITY'],
    ['DECIDED', 'DECIDED', 'AUTHORITY'],
  ] as const)('refuses %s → %s by the %s', (from, to, actor) => {
    expect(() => assertMove(from, to, actor)).toThrow(
      expect.objectContaining({ code: 'INVALID_STATUS_TRANSITION' }),
    );
  });
});

describe('clockAfter', () => {
  const running = { termDays: 30, runningSince: '2025-07-11', daysUsed: 0 };

  it('a request for information stops the clock and keeps the business days it ran', () => {
    // Friday 11 → Friday 18 July 2025: five business days.
    const stopped = clockAfter(pe, running, 'INFO_REQUESTED', new Date('2025-07-18T15:00:00Z'));
    expect(stopped).toEqual({ termDays: 30, runningSince: null, daysUsed: 5 });
  });

  it('the answer restarts it on the day of the answer, with the days left', () => {
    const stopped = { termDays: 30, runningSince: null, daysUsed: 5 };
    const restarted = clockAfter(pe, stopped, 'IN_REVIEW', new Date('2025-08-04T15:00:00Z'));
    expect(restarted).toEqual({ termDays: 30, runningSince: '2025-08-04', daysUsed: 5 });
    expect(termEnd(pe, '2025-08-04', 25)).toBe('2025-09-09');
  });

  it('taking into review or deciding leaves a running clock alone', () => {
    expect(clockAfter(pe, running, 'IN_REVIEW', new Date('2025-07-14T15:00:00Z'))).toEqual(running);
    expect(clockAfter(pe, running, 'DECIDED', new Date('2025-07-14T15:00:00Z'))).toEqual(running);
  });
});
