/**
 * What an OAuth access token may do, in the syntax of W3C VCALM (`<read|write>:<path>`): one scope
 * per group of issuer routes. An issuer API key may use every issuer route; a token only those its
 * scopes name. The registry operator gives each OAuth client the scopes it may ask for.
 */
export const ISSUER_SCOPES = {
  'write:/credentials/issue': 'Issue through the W3C VC API: POST /credentials/issue',
  'write:/credentials/status': 'Change a credential status through the W3C VC API',
  'read:/credentials': "Read the issuer's credentials through the W3C VC API",
  'write:/issuer/credentials':
    'Issue one credential or a batch; revoke, suspend, reinstate; replace a claim code: POST /issuer/credentials…',
  'read:/issuer/credentials':
    "The issuer's credentials and batch jobs: GET /issuer/credentials…, GET /issuer/jobs…",
  'read:/issuer': "The issuer's own registry entry: GET /issuer/me",
  'read:/authority':
    "A competent authority's recognition cases, their files and its figures: GET /authority/…",
  'write:/authority':
    'Move a recognition case: review, request information, decide: POST /authority/cases/…',
} as const;

export type IssuerScope = keyof typeof ISSUER_SCOPES;

export const ISSUER_SCOPE_NAMES = Object.keys(ISSUER_SCOPES) as IssuerScope[];

export const isIssuerScope = (value: string): value is IssuerScope =>
  Object.hasOwn(ISSUER_SCOPES, value);
