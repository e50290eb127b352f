import jwt from 'jsonwebtoken';
import { randomUUID } from 'node:crypto';
import {
  ACCESS_TOKEN_SECONDS,
  AccessTokens,
  isRefreshToken,
  newRefreshToken,
} from './access-tokens.js';

const SECRET = 'a-session-secret-of-at-least-32-characters';
const ISSUER = 'http://localhost:3000';

describe('AccessTokens', () => {
  const claims = { holderId: randomUUID(), sessionId: randomUUID() };

  it('signs an HS256 JWT naming the holder and the session, and reads it back', () => {
    const tokens = new AccessTokens(SECRET, ISSUER);
    const token = tokens.sign(claims);
    expect(jwt.decode(token, { complete: true })).toMatchObject({
      header: { alg: 'HS256', typ: 'JWT' },
      payload: { sub: claims.holderId, sid: claims.sessionId, iss: ISSUER },
    });
    expect(tokens.verify(token)).toEqual(claims);
  });

  it('refuses an expired token', () => {
    let now = Date.now();
    const tokens = new AccessTokens(SECRET, ISSUER, () => now);
    const token = tokens.sign(claims);
    now += (ACCESS_TOKEN_SECONDS - 1) * 1000;
    expect(tokens.verify(token)).toEqual(claims);
    now += 2000;
    expect(tokens.verify(token)).toBeNull();
  });

  it('refuses a tampered token, another key, another issuer and alg none', () => {
    const tokens = new AccessTokens(SECRET, ISSUER);
    const token = tokens.sign(claims);
    const [header, payload, signature] = token.split('.');
    const forged = Buffer.from(
      JSON.stringify({ ...jwt.decode(token, { json: true }), sub: randomUUID() }),
    ).toString('base64url');
    expect(tokens.verify(`${header}.${forged}.${signature}`)).toBeNull();
    expect(tokens.verify(`${header}.${payload}.${signature.slice(0, -2)}AA`)).toBeNull();
    expect(new AccessTokens(`${SECRET}!`, ISSUER).verify(token)).toBeNull();
    expect(new AccessTokens(SECRET, 'https://elsewhere.example').verify(token)).toBeNull();
    const none = jwt.sign({ sid: claims.sessionId }, '', {
      algorithm: 'none',
      subject: claims.holderId,
    });
    expect(tokens.verify(none)).toBeNull();
    // The raw SESSION_SECRET is not the signing key: the key is derived from it.
    const withRawSecret = jwt.sign({ sid: claims.sessionId }, SECRET, {
      subject: claims.holderId,
      issuer: ISSUER,
      audience: 'reconoce:holder',
    });
    expect(tokens.verify(withRawSecret)).toBeNull();
    expect(tokens.verify('not a token')).toBeNull();
  });
});

describe('refresh tokens', () => {
  it('are 256 random bits with a prefix', () => {
    const a = newRefreshToken();
    expect(isRefreshToken(a)).toBe(true);
    expect(a).not.toBe(newRefreshToken());
    expect(isRefreshToken('rhr_short')).toBe(false);
  });
});
