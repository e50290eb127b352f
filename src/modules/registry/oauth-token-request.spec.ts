import { OAuthError } from './oauth-error.js';
import { parseTokenRequest, type TokenRequestInput } from './oauth-token-request.js';

const FORM = 'application/x-www-form-urlencoded';
const ID = 'rcc_AAAAAAAAAAAAAAAAAAAAAA';
const SECRET = 'rcs_secret';

const request = (
  body: Record<string, unknown>,
  overrides: Partial<TokenRequestInput> = {},
): TokenRequestInput => ({
  contentType: FORM,
  authorization: undefined,
  body: { grant_type: 'client_credentials', scope: 'read:/issuer', ...body },
  ...overrides,
});

const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

function refusal(input: TokenRequestInput): { error: string; basicChallenge: boolean } {
  try {
    parseTokenRequest(input);
  } catch (error) {
    if (error instanceof OAuthError) {
      return { error: error.error, basicChallenge: error.basicChallenge };
    }
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('parseTokenRequest', () => {
  it('reads body credentials, the scopes once each and the audience', () => {
    expect(
      parseTokenRequest(
        request(
          {
            client_id: ID,
            client_secret: SECRET,
            scope: 'read:/issuer write:/credentials/issue read:/issuer',
            audience: 'https://reconoce.example',
            unknown_parameter: 'ignored',
          },
          { contentType: `${FORM}; charset=UTF-8` },
        ),
      ),
    ).toEqual({
      clientId: ID,
      clientSecret: SECRET,
      viaBasic: false,
      scopes: ['read:/issuer', 'write:/credentials/issue'],
      audience: 'https://reconoce.example',
    });
  });

  it('reads HTTP Basic with both parts form-urlencoded (RFC 6749 §2.3.1)', () => {
    const parsed = parseTokenRequest(
      request({ client_id: ID }, { authorization: basic(ID, 'a%3Ab+c') }),
    );
    expect(parsed).toMatchObject({ clientId: ID, clientSecret: 'a:b c', viaBasic: true });
  });

  it('refuses anything but a form, and a parameter given twice', () => {
    expect(refusal(request({}, { contentType: 'application/json' })).error).toBe('invalid_request');
    expect(refusal(request({ client_id: [ID, ID], client_secret: SECRET })).error).toBe(
      'invalid_request',
    );
  });

  it('checks the grant type before the client', () => {
    expect(refusal(request({ grant_type: 'password' })).error).toBe('unsupported_grant_type');
    expect(refusal(request({ grant_type: '' })).error).toBe('invalid_request');
  });

  it('refuses two authentication methods, and a Basic user that differs from client_id', () => {
    const both = request({ client_secret: SECRET }, { authorization: basic(ID, SECRET) });
    expect(refusal(both).error).toBe('invalid_request');
    const differs = request({ client_id: 'rcc_other' }, { authorization: basic(ID, SECRET) });
    expect(refusal(differs).error).toBe('invalid_request');
  });

  it('answers invalid_client with a Basic challenge to no or broken authentication', () => {
    expect(refusal(request({ client_id: ID }))).toEqual({
      error: 'invalid_client',
      basicChallenge: true,
    });
    expect(refusal(request({}, { authorization: 'Bearer abc' }))).toEqual({
      error: 'invalid_client',
      basicChallenge: true,
    });
    expect(refusal(request({}, { authorization: basic('', SECRET) })).error).toBe('invalid_client');
  });

  it('requires a scope of well-formed tokens', () => {
    const auth = { client_id: ID, client_secret: SECRET };
    expect(refusal(request({ ...auth, scope: '' })).error).toBe('invalid_scope');
    expect(refusal(request({ ...auth, scope: 'read:/issuer  read:/credentials' })).error).toBe(
      'invalid_scope',
    );
    expect(refusal(request({ ...auth, scope: 'say "hi"' })).error).toBe('invalid_scope');
  });
});
