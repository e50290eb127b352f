/** Who is calling, as established from the bearer token. */
export type Principal =
  | { kind: 'admin' }
  | { kind: 'issuer'; issuerId: string; slug: string; did: string; apiKeyId: string }
  | { kind: 'holder'; holderId: string; sessionId: string };

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
