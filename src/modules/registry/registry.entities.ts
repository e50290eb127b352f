import { Accreditation } from './entities/accreditation.entity.js';
import { ApiKey } from './entities/api-key.entity.js';
import { IssuerKey } from './entities/issuer-key.entity.js';
import { IssuerStatusChange } from './entities/issuer-status-change.entity.js';
import { Issuer } from './entities/issuer.entity.js';
import { OAuthClient } from './entities/oauth-client.entity.js';

export const REGISTRY_ENTITIES = [
  Issuer,
  IssuerStatusChange,
  IssuerKey,
  ApiKey,
  Accreditation,
  OAuthClient,
];
