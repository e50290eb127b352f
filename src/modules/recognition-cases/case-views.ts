import { deadlineOf, silenceAfterTerm, type DeadlineView } from './deadlines.js';
import type { RecognitionCaseFile } from './entities/recognition-case-file.entity.js';
import type { RecognitionCaseMessage } from './entities/recognition-case-message.entity.js';
import type {
  CaseDecision,
  CaseEvidence,
  RecognitionCase,
} from './entities/recognition-case.entity.js';
import type { ProcedureRules, SilenceMeaning } from './procedure-rules.js';
import { OPEN_STATUSES } from './case-lifecycle.js';
import type { AuthorityView } from './services/competent-authorities.service.js';

export interface CaseFileView {
  id: string;
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
}

export interface CaseMessageView {
  id: string;
  author: 'HOLDER' | 'AUTHORITY';
  kind: string;
  body: string;
  createdAt: Date;
  files: CaseFileView[];
}

export interface CaseTermView extends DeadlineView {
  dayCount: ProcedureRules['dayCount'];
  termDays: number;
  daysUsed: number;
  /** True while the authority waits for the holder's information. */
  paused: boolean;
  /** What the law says silence means; `silenceNow` once the term has passed. */
  silence: SilenceMeaning;
  silenceNow: SilenceMeaning | null;
  legalBasis: string;
}

export interface PrecedentView {
  caseId: string;
  decisionNumber: string;
  decisionDate: string;
  outcome: string;
  route: string;
  equivalentTitle: string | null;
  conditions: { kind: string; description: string }[];
  /** Why it is a precedent: the same origin institution and programme, or the same standard. */
  match: 'ORIGIN_PROGRAMME' | 'STANDARD';
}

export interface CaseView {
  id: string;
  status: string;
  authority: AuthorityView;
  destinationCountry: string;
  purpose: string;
  route: string;
  legalisation: string;
  credentialIds: string[];
  evidence: CaseEvidence;
  term: CaseTermView;
  messages: CaseMessageView[];
  decision: CaseDecision | null;
  decisionCredentialId: string | null;
  submittedAt: Date;
  updatedAt: Date;
  closedAt: Date | null;
}

export const fileView = (file: RecognitionCaseFile): CaseFileView => ({
  id: file.id,
  filename: file.filename,
  contentType: file.contentType,
  size: file.size,
  sha256: file.sha256,
});

export function termView(row: RecognitionCase, rules: ProcedureRules, now: Date): CaseTermView {
  const open = OPEN_STATUSES.includes(row.status);
  const clock = { termDays: row.termDays, runningSince: row.clockSince, daysUsed: row.daysUsed };
  const deadline = open
    ? deadlineOf(rules, clock, now)
    : { deadline: null, daysLeft: null, overdue: false };
  return {
    ...deadline,
    dayCount: rules.dayCount,
    termDays: row.termDays,
    daysUsed: row.daysUsed,
    paused: open && row.clockSince === null,
    silence: rules.silence,
    silenceNow: silenceAfterTerm(rules, deadline),
    legalBasis: rules.legalBasis,
  };
}

export function caseView(input: {
  row: RecognitionCase;
  rules: ProcedureRules;
  authority: AuthorityView;
  messages: RecognitionCaseMessage[];
  files: RecognitionCaseFile[];
  now: Date;
}): CaseView {
  const { row } = input;
  return {
    id: row.id,
    status: row.status,
    authority: input.authority,
    destinationCountry: row.destinationCountry,
    purpose: row.purpose,
    route: row.route,
    legalisation: row.legalisation,
    credentialIds: row.credentialIds,
    evidence: row.evidence,
    term: termView(row, input.rules, input.now),
    messages: input.messages.map((message) => ({
      id: message.id,
      author: message.author,
      kind: message.kind,
      body: message.body,
      createdAt: message.createdAt,
      files: input.files.filter((f) => f.messageId === message.id).map(fileView),
    })),
    decision: row.decision,
    decisionCredentialId: row.decisionCredentialId,
    submittedAt: row.submittedAt,
    updatedAt: row.updatedAt,
    closedAt: row.closedAt,
  };
}

/** The median of some numbers; null for none. */
export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
