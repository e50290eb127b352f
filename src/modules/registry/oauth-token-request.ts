import { OAuthError } from './oauth-error.js';

export const CLIENT_CREDENTIALS_GRANT = 'client_credentials';
const FORM_MEDIA_TYPE = 'application/x-www-form-urlencoded';
// RFC 6749 §3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E ), separated by one space.
const SCOPE = /^[\x21\x23-\x5b\x5d-\x7e]+( [\x21\x23-\x5b\x5d-\x7e]+)*$/;
const BASIC = /^Basic ([A-Za-z0-9+/]+={0,2})$/i;

export interface TokenRequestInput {
  contentType: string | undefined;
  authorization: string | undefined;
  body: unknown;
}

/** A client credentials request, well formed; nothing in it is checked against the registry. */
export interface TokenRequest {
  clientId: string;
  clientSecret: string;
  /** The client authenticated with HTTP Basic (RFC 6749 §2.3.1) rather than in the body. */
  viaBasic: boolean;
  /** The scopes asked for, each once, in the order given. */
  scopes: string[];
  audience: string | undefined;
}

/**
 * Reads a token request (RFC 6749 §4.4.2) in the order a client can act on: the form itself
 * (`invalid_request`), the grant type (`unsupported_grant_type`), the client's authentication
 * (`invalid_client`; never both Basic and body credentials), then the scope (`invalid_scope`).
 * Unknown parameters are ignored, as §3.2 requires; one given twice is `invalid_request`.
 */
export function parseTokenRequest(input: TokenRequestInput): TokenRequest {
  const mediaType = input.contentType?.split(';')[0].trim().toLowerCase();
  if (mediaType !== FORM_MEDIA_TYPE) {
    throw new OAuthError('invalid_request', `The token request must be ${FORM_MEDIA_TYPE}.`);
  }
  const form = readForm(input.body);
  const grantType = form.get('grant_type');
  if (grantType === undefined) throw new OAuthError('invalid_request', 'grant_type is missing.');
  if (grantType !== CLIENT_CREDENTIALS_GRANT) {
    throw new OAuthError(
      'unsupported_grant_type',
      `Only the ${CLIENT_CREDENTIALS_GRANT} grant is supported.`,
    );
  }
  const client = clientAuthentication(input.authorization, form);
  return {
    ...client,
    scopes: requestedScopes(form.get('scope')),
    audience: form.get('audience'),
  };
}

/** The form's parameters; an empty one counts as absent (RFC 6749 §3.1). */
function readForm(body: unknown): Map<string, string> {
  const form = new Map<string, string>();
  if (typeof body !== 'object' || body === null) return form;
  for (const [name, value] of Object.entries(body)) {
    if (typeof value !== 'string') {
      throw new OAuthError('invalid_request', `The parameter ${name} is given more than once.`);
    }
    if (value !== '') form.set(name, value);
  }
  return form;
}

function clientAuthentication(
  authorization: string | undefined,
  form: Map<string, string>,
): Pick<TokenRequest, 'clientId' | 'clientSecret' | 'viaBasic'> {
  if (authorization !== undefined) {
    const basic = decodeBasic(authorization);
    if (form.has('client_secret')) {
      throw new OAuthError(
        'invalid_request',
        'Authenticate with HTTP Basic or with client_id and client_secret in the body, not both.',
      );
    }
    const bodyClientId = form.get('client_id');
    if (bodyClientId !== undefined && bodyClientId !== basic.clientId) {
      throw new OAuthError('invalid_request', 'client_id differs from the HTTP Basic user.');
    }
    return { ...basic, viaBasic: true };
  }
  const clientId = form.get('client_id');
  const clientSecret = form.get('client_secret');
  if (clientId === undefined || clientSecret === undefined) {
    throw new OAuthError(
      'invalid_client',
      'Client authentication is required: HTTP Basic, or client_id and client_secret.',
      true,
    );
  }
  return { clientId, clientSecret, viaBasic: false };
}

/** HTTP Basic as RFC 6749 §2.3.1 has it: both parts form-urlencoded before base64. */
function decodeBasic(authorization: string): { clientId: string; clientSecret: string } {
  const encoded = BASIC.exec(authorization)?.[1];
  const refuse = () =>
    new OAuthError('invalid_client', 'The Authorization header is not HTTP Basic.', true);
  if (!encoded) throw refuse();
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 1) throw refuse();
  try {
    const unescape = (part: string) => decodeURIComponent(part.replace(/\+/g, ' '));
    return {
      clientId: unescape(decoded.slice(0, colon)),
      clientSecret: unescape(decoded.slice(colon + 1)),
    };
  } catch {
    throw refuse();
  }
}

function requestedScopes(scope: string | undefined): string[] {
  if (scope === undefined) {
    throw new OAuthError('invalid_scope', 'scope is required: the space-separated scopes wanted.');
  }
  if (!SCOPE.test(scope)) {
    throw new OAuthError('invalid_scope', 'scope must be scope tokens separated by one space.');
  }
  return [...new Set(scope.split(' '))];
}
