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

/** Prefixes of an OAuth client's public identifier and of its secret. */
export const OAUTH_CLIENT_ID_PREFIX = 'rcc_';
export const OAUTH_CLIENT_SECRET_PREFIX = 'rcs_';
