import { AUDIT_ENTITIES } from '../modules/audit/audit.entities.js';
import { CREDENTIALS_ENTITIES } from '../modules/credentials/credentials.entities.js';
import { HOLDER_IDENTITY_ENTITIES } from '../modules/holder-identity/holder-identity.entities.js';
import { HOLDER_SHARES_ENTITIES } from '../modules/holder-shares/holder-shares.entities.js';
import { HOLDERS_ENTITIES } from '../modules/holders/holders.entities.js';
import { RECOGNITION_ENTITIES } from '../modules/recognition/recognition.entities.js';
import { RECOGNITION_CASES_ENTITIES } from '../modules/recognition-cases/recognition-cases.entities.js';
import { REFERENCE_ENTITIES } from '../modules/reference/reference.entities.js';
import { STATISTICS_ENTITIES } from '../modules/statistics/statistics.entities.js';
import { REGISTRY_ENTITIES } from '../modules/registry/registry.entities.js';
import { VERIFIERS_ENTITIES } from '../modules/verifiers/verifiers.entities.js';

/**
 * Every entity class, from each module's own list (the same list its module registers with
 * `TypeOrmModule.forFeature`); TypeORM gets them explicitly, since globs do not load ES modules.
 */
export const ENTITIES: Function[] = [
  ...AUDIT_ENTITIES,
  ...REGISTRY_ENTITIES,
  ...REFERENCE_ENTITIES,
  ...RECOGNITION_ENTITIES,
  ...HOLDER_IDENTITY_ENTITIES,
  ...HOLDERS_ENTITIES,
  ...HOLDER_SHARES_ENTITIES,
  ...CREDENTIALS_ENTITIES,
  ...VERIFIERS_ENTITIES,
  ...STATISTICS_ENTITIES,
  ...RECOGNITION_CASES_ENTITIES,
];
