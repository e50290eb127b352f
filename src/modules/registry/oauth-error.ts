/** The error codes of RFC 6749 §5.2 the token endpoint answers with, and their statuses. */
export const OAUTH_ERROR_STATUS = {
  invalid_request: 400,
  invalid_client: 401,
  unauthorized_client: 400,
  unsupported_grant_type: 400,
  invalid_scope: 400,
} as const;

export type OAuthErrorCode = keyof typeof OAUTH_ERROR_STATUS;

/**
 * A refusal of the token endpoint, answered as RFC 6749 §5.2 prescribes (JSON `error` and
 * `error_description`), not as problem+json: OAuth client libraries read that shape.
 */
export class OAuthError extends Error {
  constructor(
    readonly error: OAuthErrorCode,
    readonly description: string,
    /** Answer `WWW-Authenticate: Basic` (the client tried Basic, or sent no authentication). */
    readonly basicChallenge = false,
  ) {
    super(description);
    this.name = 'OAuthError';
  }

  get status(): number {
    return OAUTH_ERROR_STATUS[this.error];
  }
}
