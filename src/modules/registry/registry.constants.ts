export const ISSUER_KINDS = [
  'HEI',
  'ACADEMIC_RECOGNITION_AUTHORITY',
  'STANDARD_SETTER',
  'CERTIFYING_BODY',
  'ASSESSMENT_CENTRE',
  'PUBLIC_EMPLOYMENT_SERVICE',
] as const;
export type IssuerKind = (typeof ISSUER_KINDS)[number];

export const ISSUER_STATUSES = ['ACTIVE', 'SUSPENDED', 'CLOSED'] as const;
export type IssuerStatus = (typeof ISSUER_STATUSES)[number];

export const KEY_STATUSES = ['ACTIVE', 'RETIRED', 'COMPROMISED'] as const;
export type KeyStatus = (typeof KEY_STATUSES)[number];

/** Lower-case kebab, 3–64 characters, starting with a letter. */
export const SLUG_PATTERN = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** Prefix that makes an issuer API key recognisable in a leak scan. */
export const API_KEY_PREFIX = 'rck_';

/**
 * What an issuer may issue: `ACCREDITED`, our credential types under the accreditation checks;
 * `OPEN`, any well-formed VC 2.0 credential, recorded and verified as outside accreditation.
 */
export const ISSUANCE_PROFILES = ['ACCREDITED', 'OPEN'] as const;
export type IssuanceProfile = (typeof ISSUANCE_PROFILES)[number];

/** How the registry hosts an issuer's DID: a did:web under PUBLIC_BASE_URL, or a did:key. */
export const HOSTED_DID_METHODS = ['web', 'key'] as const;
export type HostedDidMethod = (typeof HOSTED_DID_METHODS)[number];

/** Prefixes of an OAuth client's public identifier and of its secret. */
export const OAUTH_CLIENT_ID_PREFIX = 'rcc_';
export const OAUTH_CLIENT_SECRET_PREFIX = 'rcs_';
