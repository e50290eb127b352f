import type { CredentialType } from '../../../vc/schemas.js';
import type { StatisticsAnnex } from '../../statistics/statistics-annex.js';
import type { IssuanceFormat } from '../services/open-badges.service.js';

/** What a job row stores of a checked credential: enough to issue it, no document number. */
export interface JobRowPayload {
  type: CredentialType;
  /** `openbadges-3.0`: issued as an Open Badge. */
  format: IssuanceFormat;
  /** ISO 8601. */
  validFrom: string;
  validUntil?: string;
  /** The full credentialSubject, name and identity document (last four only) included. */
  credentialSubject: Record<string, unknown>;
  holderId: string;
  identityDocumentId: string;
  /** The statistical annex, recorded (pseudonymised) once the credential is stored. */
  statistics?: StatisticsAnnex;
}
