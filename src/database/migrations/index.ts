import { Extensions1764200000000 } from './1764200000000-extensions.js';
import { ReferenceData1764300000000 } from './1764300000000-reference-data.js';
import { AuditLog1764400000000 } from './1764400000000-audit-log.js';
import { Registry1764400000001 } from './1764400000001-registry.js';
import { Holders1764500000000 } from './1764500000000-holders.js';
import { Credentials1764600000000 } from './1764600000000-credentials.js';
import { Recognition1764700000000 } from './1764700000000-recognition.js';
import { VerificationEvents1764800000000 } from './1764800000000-verification-events.js';
import { HolderAccounts1764900000000 } from './1764900000000-holder-accounts.js';
import { IssuanceJobs1764910000000 } from './1764910000000-issuance-jobs.js';
import { CredentialHolderOptional1764910000001 } from './1764910000001-credential-holder-optional.js';
import { JobRowPayloadScrubbed1764920000000 } from './1764920000000-job-row-payload-scrubbed.js';
import { Statistics1765000000000 } from './1765000000000-statistics.js';
import { VerificationChallenges1765100000000 } from './1765100000000-verification-challenges.js';
import { RateLimits1765200000000 } from './1765200000000-rate-limits.js';
import { AuditCheckpoints1766400000000 } from './1766400000000-audit-checkpoints.js';
import { DocumentTypeCpf1766600000000 } from './1766600000000-document-type-cpf.js';
import { RecognitionCases1766300000000 } from './1766300000000-recognition-cases.js';
import { IssuanceProfiles1766000000000 } from './1766000000000-issuance-profiles.js';
import { OAuthClients1766100000000 } from './1766100000000-oauth-clients.js';
import { HolderRecoveryCodes1766700000000 } from './1766700000000-holder-recovery-codes.js';
import { CaseWorkers1767400000000 } from './1767400000000-case-workers.js';
import { StatusListDid1767100000000 } from './1767100000000-status-list-did.js';
import { HolderTimeZone1767200000000 } from './1767200000000-holder-time-zone.js';
import { AuditIntake1767700000000 } from './1767700000000-audit-intake.js';
import { StatisticsDecisions1767600000000 } from './1767600000000-statistics-decisions.js';

/** Every migration, oldest first. A migration is never edited once merged; add a new one. */
export const MIGRATIONS = [
  Extensions1764200000000,
  ReferenceData1764300000000,
  AuditLog1764400000000,
  Registry1764400000001,
  Holders1764500000000,
  Credentials1764600000000,
  Recognition1764700000000,
  VerificationEvents1764800000000,
  HolderAccounts1764900000000,
  IssuanceJobs1764910000000,
  CredentialHolderOptional1764910000001,
  JobRowPayloadScrubbed1764920000000,
  Statistics1765000000000,
  VerificationChallenges1765100000000,
  RateLimits1765200000000,
  IssuanceProfiles1766000000000,
  OAuthClients1766100000000,
  RecognitionCases1766300000000,
  AuditCheckpoints1766400000000,
  DocumentTypeCpf1766600000000,
  HolderRecoveryCodes1766700000000,
  StatusListDid1767100000000,
  HolderTimeZone1767200000000,
  CaseWorkers1767400000000,
  StatisticsDecisions1767600000000,
  AuditIntake1767700000000,
];
