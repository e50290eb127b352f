import type {
  AccreditationDto,
  ApiKeyDto,
  IssuerDidDto,
  IssuerDto,
  IssuerKeyDto,
} from './dto/issuer-view.dto.js';
import type { Accreditation } from './entities/accreditation.entity.js';
import type { ApiKey } from './entities/api-key.entity.js';
import type { OAuthClient } from './entities/oauth-client.entity.js';
import type { OAuthClientDto } from './dto/oauth.dto.js';
import type { IssuerKey } from './entities/issuer-key.entity.js';
import type { IssuerRecord } from './services/issuers.service.js';

export function accreditationView(
  acc: Accreditation,
  today = new Date().toISOString().slice(0, 10),
): AccreditationDto {
  return {
    id: acc.id,
    credentialTypes: acc.credentialTypes,
    framework: acc.frameworkCode,
    minLevel: acc.minLevel,
    maxLevel: acc.maxLevel,
    iscedFields: acc.iscedFields,
    occupations: acc.occupations,
    standards: acc.standards,
    jurisdiction: acc.jurisdiction,
    validFrom: acc.validFrom,
    validUntil: acc.validUntil,
    accreditedBy: acc.accreditedBy,
    legalReference: acc.legalReference,
    current: acc.validFrom <= today && (acc.validUntil === null || today <= acc.validUntil),
    endedAt: acc.endedAt,
    endReason: acc.endReason,
  };
}

export function keyView(key: IssuerKey): IssuerKeyDto {
  return {
    keyId: key.keyId,
    did: key.did,
    verificationMethodId: key.verificationMethodId,
    publicKeyMultibase: key.publicKeyMultibase,
    status: key.status,
    createdAt: key.createdAt,
    retiredAt: key.retiredAt,
    compromisedAt: key.compromisedAt,
  };
}

/**
 * Every DID an issuer has used, from its keys (oldest first): since its first key, until the
 * first key of the next DID was made (a rotation of a hosted did:key).
 */
export function issuerDids(keys: IssuerKey[]): IssuerDidDto[] {
  const dids: IssuerDidDto[] = [];
  const sorted = [...keys].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  for (const key of sorted) {
    const last = dids.at(-1);
    if (last?.did === key.did) continue;
    if (last) last.until = key.createdAt;
    dids.push({ did: key.did, since: key.createdAt, until: null });
  }
  return dids;
}

export function issuerView(record: IssuerRecord, keys: IssuerKey[]): IssuerDto {
  const { issuer } = record;
  const own = keys.filter((key) => key.issuerId === issuer.id);
  return {
    slug: issuer.slug,
    legalName: issuer.legalName,
    country: issuer.country,
    kinds: issuer.kinds,
    parent: record.parentSlug,
    did: issuer.did,
    dids: issuerDids(own),
    issuanceProfile: issuer.issuanceProfile,
    sandbox: issuer.sandbox,
    status: issuer.status,
    website: issuer.website,
    statusHistory: record.history.map((change) => ({
      from: change.fromStatus,
      to: change.toStatus,
      at: change.at,
      actor: change.actor,
      reason: change.reason,
    })),
    accreditations: record.accreditations.map((acc) => accreditationView(acc)),
    keys: own.map(keyView),
    createdAt: issuer.createdAt,
  };
}

export function apiKeyView(key: ApiKey): ApiKeyDto {
  return {
    id: key.id,
    displayPrefix: key.displayPrefix,
    label: key.label,
    createdAt: key.createdAt,
    revokedAt: key.revokedAt,
  };
}

export function oauthClientView(client: OAuthClient): OAuthClientDto {
  return {
    id: client.id,
    clientId: client.clientId,
    scopes: client.scopes,
    label: client.label,
    createdAt: client.createdAt,
    revokedAt: client.revokedAt,
  };
}
