import type { CredentialType } from '../../../vc/schemas.js';
import type { StatisticsAnnex } from '../../statistics/statistics-annex.js';

/** What a job row stores of a checked credential: enough to issue it, no document number. */
export interface JobRowPayload {
  type: CredentialType;
  format: 'di' | 'jwt';
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
