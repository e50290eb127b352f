import type { IssuerScope } from './scopes.js';

/**
 * An issuer, authenticated by one of its API keys or by an OAuth access token; or a competent
 * authority's case worker signed in to the console (never from a bearer token).
 */
export type IssuerPrincipal = { kind: 'issuer'; issuerId: string; slug: string; did: string } & (
  | { apiKeyId: string }
  | { caseWorkerId: string }
  | {
      /** The OAuth client the access token was granted to. */
      oauthClientId: string;
      /** What the access token may do; an API key may use every issuer route. */
      scopes: readonly IssuerScope[];
    }
);

/** Who is calling, as established from the bearer token. */
export type Principal =
  { kind: 'admin' } | IssuerPrincipal | { kind: 'holder'; holderId: string; sessionId: string };

export type PrincipalKind = Principal['kind'];

/** The actor recorded in the audit log for a principal. */
export function actorOf(principal: Principal): string {
  switch (principal.kind) {
    case 'admin':
      return 'admin';
    case 'issuer':
      return `issuer:${principal.slug}`;
    case 'holder':
      return `holder:${principal.holderId}`;
  }
}

declare module 'http' {
  interface IncomingMessage {
    principal?: Principal;
  }
}
