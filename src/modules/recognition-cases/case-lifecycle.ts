// The case lifecycle as data: who may move a case from which status to which, and what each move
// does to the legal clock. Pure: the services apply it and audit every move.

import { AppError } from '../../common/errors/app-error.js';
import { daysElapsed, localDate, type CaseClock } from './deadlines.js';
import type { ProcedureRules } from './procedure-rules.js';
import type { CaseStatus } from './recognition-cases.constants.js';

export type CaseActor = 'HOLDER' | 'AUTHORITY';

const MOVES: Record<CaseStatus, Partial<Record<CaseStatus, CaseActor>>> = {
  SUBMITTED: {
    IN_REVIEW: 'AUTHORITY',
    INFO_REQUESTED: 'AUTHORITY',
    DECIDED: 'AUTHORITY',
    WITHDRAWN: 'HOLDER',
  },
  IN_REVIEW: { INFO_REQUESTED: 'AUTHORITY', DECIDED: 'AUTHORITY', WITHDRAWN: 'HOLDER' },
  INFO_REQUESTED: { IN_REVIEW: 'HOLDER', DECIDED: 'AUTHORITY', WITHDRAWN: 'HOLDER' },
  DECIDED: {},
  WITHDRAWN: {},
};

export const OPEN_STATUSES: readonly CaseStatus[] = ['SUBMITTED', 'IN_REVIEW', 'INFO_REQUESTED'];

export function assertMove(from: CaseStatus, to: CaseStatus, actor: CaseActor): void {
  if (MOVES[from][to] !== actor) {
    throw new AppError(
      'INVALID_STATUS_TRANSITION',
      `A case ${from} cannot become ${to} by the ${actor.toLowerCase()}.`,
    );
  }
}

/**
 * The clock after a move on `now`: a request for information stops it (the days it ran are
 * used), the holder's answer starts it again; closing leaves it where it was.
 */
export function clockAfter(
  rules: ProcedureRules,
  clock: CaseClock,
  to: CaseStatus,
  now: Date,
): CaseClock {
  const today = localDate(now, rules.timeZone);
  if (to === 'INFO_REQUESTED' && clock.runningSince !== null) {
    return {
      ...clock,
      runningSince: null,
      daysUsed: clock.daysUsed + daysElapsed(rules, clock.runningSince, today),
    };
  }
  if (to === 'IN_REVIEW' && clock.runningSince === null) return { ...clock, runningSince: today };
  return clock;
}
