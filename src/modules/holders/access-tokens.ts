import jwt from 'jsonwebtoken';
import { hkdfSync, randomBytes } from 'node:crypto';
import { isUuid } from '../../common/validation/uuid.js';

/** How long an access token is good for; the refresh token gets the next one. */
export const ACCESS_TOKEN_SECONDS = 15 * 60;

const AUDIENCE = 'reconoce:holder';
const REFRESH_PREFIX = 'rhr_';
const REFRESH_TOKEN = /^rhr_[A-Za-z0-9_-]{43}$/;
const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

export interface AccessClaims {
  holderId: string;
  sessionId: string;
}

/**
 * The holder's short-lived access tokens: HS256 JWTs under a key derived from SESSION_SECRET (so
 * the secret can serve other uses without the keys ever meeting), naming the holder (`sub`) and
 * the session (`sid`) that must still be open when the token is used.
 */
export class AccessTokens {
  private readonly key: Buffer;

  constructor(
    sessionSecret: string,
    private readonly issuer: string,
    private readonly now: () => number = Date.now,
  ) {
    if (!sessionSecret) throw new TypeError('AccessTokens needs the SESSION_SECRET');
    this.key = Buffer.from(
      hkdfSync('sha256', sessionSecret, '', 'reconoce holder access-token v1', 32),
    );
  }

  sign({ holderId, sessionId }: AccessClaims): string {
    return jwt.sign({ sid: sessionId, iat: Math.floor(this.now() / 1000) }, this.key, {
      algorithm: 'HS256',
      expiresIn: ACCESS_TOKEN_SECONDS,
      subject: holderId,
      issuer: this.issuer,
      audience: AUDIENCE,
    });
  }

  /** The claims of a genuine, unexpired token; null for anything else. */
  verify(token: string): AccessClaims | null {
    if (!JWT_SHAPE.test(token)) return null;
    try {
      const payload = jwt.verify(token, this.key, {
        algorithms: ['HS256'],
        issuer: this.issuer,
        audience: AUDIENCE,
        clockTimestamp: Math.floor(this.now() / 1000),
      });
      if (typeof payload !== 'object') return null;
      const { sub, sid } = payload as { sub?: unknown; sid?: unknown };
      if (typeof sub !== 'string' || typeof sid !== 'string' || !isUuid(sub) || !isUuid(sid)) {
        return null;
      }
      return { holderId: sub, sessionId: sid };
    } catch {
      return null;
    }
  }
}

/** A refresh token: 256 random bits with a recognisable prefix. Only its SHA-256 is stored. */
export const newRefreshToken = () => `${REFRESH_PREFIX}${randomBytes(32).toString('base64url')}`;

export const isRefreshToken = (value: string) => REFRESH_TOKEN.test(value);
