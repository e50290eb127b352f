import { CredentialStatusChange } from './entities/credential-status-change.entity.js';
import { CredentialRecord } from './entities/credential.entity.js';
import { IdempotencyRecord } from './entities/idempotency-record.entity.js';
import { IssuanceJobRow } from './entities/issuance-job-row.entity.js';
import { IssuanceJob } from './entities/issuance-job.entity.js';
import { StatusList } from './entities/status-list.entity.js';

export const CREDENTIALS_ENTITIES = [
  StatusList,
  CredentialRecord,
  CredentialStatusChange,
  IdempotencyRecord,
  IssuanceJob,
  IssuanceJobRow,
];
