import { decodeJwt, decodeProtectedHeader } from 'jose';
import { OAuthAccessTokens } from './oauth-access-tokens.js';

const SECRET = 'x'.repeat(43);
const INSTANCE = 'https://reconoce.example';
const GRANT = {
  clientId: 'rcc_AAAAAAAAAAAAAAAAAAAAAA',
  issuerDid: 'did:web:reconoce.example:issuers:co-ens',
  scopes: ['write:/credentials/issue', 'read:/issuer'] as const,
};

describe('OAuthAccessTokens', () => {
  const tokens = new OAuthAccessTokens(SECRET, INSTANCE, 600);

  it('signs an RFC 9068 access token that it verifies', async () => {
    const { token, expiresIn } = await tokens.sign(GRANT);
    expect(expiresIn).toBe(600);
    expect(decodeProtectedHeader(token)).toMatchObject({ alg: 'EdDSA', typ: 'at+jwt' });
    expect(decodeJwt(token)).toMatchObject({ iss: INSTANCE, aud: INSTANCE, sub: GRANT.clientId });
    expect(OAuthAccessTokens.isAccessToken(token)).toBe(true);
    expect(await tokens.verify(token)).toEqual({
      valid: true,
      clientId: GRANT.clientId,
      issuerDid: GRANT.issuerDid,
      scopes: [...GRANT.scopes],
    });
  });

  it('derives the same key from the same secret (any replica verifies)', async () => {
    const { token } = await new OAuthAccessTokens(SECRET, INSTANCE, 600).sign(GRANT);
    expect((await tokens.verify(token)).valid).toBe(true);
  });

  it('refuses an expired token, another audience and another key', async () => {
    const past = new OAuthAccessTokens(SECRET, INSTANCE, 600, () => Date.now() - 3_600_000);
    const elsewhere = new OAuthAccessTokens(SECRET, 'https://elsewhere.example', 600);
    const otherKey = new OAuthAccessTokens('y'.repeat(43), INSTANCE, 600);
    expect(await tokens.verify((await past.sign(GRANT)).token)).toEqual({
      valid: false,
      reason: 'The access token has expired.',
    });
    expect(await tokens.verify((await elsewhere.sign(GRANT)).token)).toMatchObject({
      valid: false,
    });
    expect(await tokens.verify((await otherKey.sign(GRANT)).token)).toEqual({
      valid: false,
      reason: 'The access token is not valid.',
    });
  });

  it('tells its tokens from API keys and other JWTs', () => {
    expect(OAuthAccessTokens.isAccessToken('rck_abc')).toBe(false);
    const holderLike = `${Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url')}.e30.c2ln`;
    expect(OAuthAccessTokens.isAccessToken(holderLike)).toBe(false);
  });
});
