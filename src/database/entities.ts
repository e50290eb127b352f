import { VerificationEvent } from '../modules/verifiers/entities/verification-event.entity.js';
import { CredentialStatusChange } from '../modules/credentials/entities/credential-status-change.entity.js';
import { CredentialRecord } from '../modules/credentials/entities/credential.entity.js';
import { IdempotencyRecord } from '../modules/credentials/entities/idempotency-record.entity.js';
import { IssuanceJob } from '../modules/credentials/entities/issuance-job.entity.js';
import { IssuanceJobRow } from '../modules/credentials/entities/issuance-job-row.entity.js';
import { StatusList } from '../modules/credentials/entities/status-list.entity.js';
import { AuditEvent } from '../modules/audit/audit-event.entity.js';
import { Holder } from '../modules/holders/entities/holder.entity.js';
import { IdentityDocument } from '../modules/holders/entities/identity-document.entity.js';
import { Accreditation } from '../modules/registry/entities/accreditation.entity.js';
import { ApiKey } from '../modules/registry/entities/api-key.entity.js';
import { IssuerKey } from '../modules/registry/entities/issuer-key.entity.js';
import { IssuerStatusChange } from '../modules/registry/entities/issuer-status-change.entity.js';
import { Issuer } from '../modules/registry/entities/issuer.entity.js';
import { HOLDER_ACCOUNT_ENTITIES } from '../modules/holders/holders.entities.js';
import { REFERENCE_ENTITIES } from '../modules/reference/reference.entities.js';
import { RECOGNITION_ENTITIES } from '../modules/recognition/recognition.entities.js';

/** Every entity class; TypeORM gets them explicitly, since globs do not load ES modules. */
export const ENTITIES: Function[] = [
  AuditEvent,
  Issuer,
  IssuerStatusChange,
  IssuerKey,
  ApiKey,
  Accreditation,
  ...REFERENCE_ENTITIES,
  ...RECOGNITION_ENTITIES,
  Holder,
  IdentityDocument,
  ...HOLDER_ACCOUNT_ENTITIES,
  StatusList,
  CredentialRecord,
  CredentialStatusChange,
  IdempotencyRecord,
  IssuanceJob,
  IssuanceJobRow,
  VerificationEvent,
];
