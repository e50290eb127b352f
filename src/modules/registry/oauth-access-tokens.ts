import {
  createPrivateKey,
  createPublicKey,
  hkdfSync,
  randomUUID,
  type KeyObject,
} from 'node:crypto';
import { decodeProtectedHeader, jwtVerify, SignJWT } from 'jose';
import { isIssuerScope, type IssuerScope } from '../../common/auth/scopes.js';

/** RFC 9068: the media type of a JWT access token, in its `typ` header. */
export const ACCESS_TOKEN_TYPE = 'at+jwt';

const ALGORITHM = 'EdDSA';
const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
// PKCS #8 wrapping of a raw 32-byte Ed25519 seed (RFC 8410).
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

export interface AccessTokenGrant {
  /** The OAuth client's public `client_id`. */
  clientId: string;
  /** The DID of the issuer the client acts for. */
  issuerDid: string;
  scopes: readonly IssuerScope[];
}

export interface SignedAccessToken {
  token: string;
  expiresIn: number;
}

/** Why a token was refused; never shown to anyone but the caller holding it. */
export type AccessTokenCheck =
  | { valid: true; clientId: string; issuerDid: string; scopes: IssuerScope[] }
  | { valid: false; reason: string };

/**
 * The OAuth access tokens of the client credentials grant: JWTs in the RFC 9068 profile
 * (`typ: at+jwt`), signed EdDSA (Ed25519) with a key derived from SESSION_SECRET under a label of
 * its own (as the holder tokens derive theirs), so no new secret has to be kept and the holder
 * tokens' key never meets this one. `iss` and `aud` are the instance (PUBLIC_BASE_URL); `sub` and
 * `client_id` the client; `issuer` the issuer's DID; `scope` space-separated.
 */
export class OAuthAccessTokens {
  private readonly privateKey: KeyObject;
  private readonly publicKey: KeyObject;
  private readonly keyId: string;

  constructor(
    sessionSecret: string,
    private readonly instance: string,
    private readonly lifetimeSeconds: number,
    private readonly now: () => number = Date.now,
  ) {
    if (!sessionSecret) throw new TypeError('OAuthAccessTokens needs the SESSION_SECRET');
    const seed = Buffer.from(
      hkdfSync('sha256', sessionSecret, '', 'reconoce oauth access-token signing key v1', 32),
    );
    this.privateKey = createPrivateKey({
      key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]),
      format: 'der',
      type: 'pkcs8',
    });
    this.publicKey = createPublicKey(this.privateKey);
    const x = this.publicKey.export({ format: 'jwk' }).x ?? '';
    this.keyId = `oauth-${x.slice(0, 16)}`;
  }

  async sign(grant: AccessTokenGrant): Promise<SignedAccessToken> {
    const iat = Math.floor(this.now() / 1000);
    const token = await new SignJWT({
      client_id: grant.clientId,
      issuer: grant.issuerDid,
      scope: grant.scopes.join(' '),
    })
      .setProtectedHeader({ alg: ALGORITHM, typ: ACCESS_TOKEN_TYPE, kid: this.keyId })
      .setIssuer(this.instance)
      .setSubject(grant.clientId)
      .setAudience(this.instance)
      .setIssuedAt(iat)
      .setExpirationTime(iat + this.lifetimeSeconds)
      .setJti(randomUUID())
      .sign(this.privateKey);
    return { token, expiresIn: this.lifetimeSeconds };
  }

  /** Whether a bearer token is one of ours at all (an RFC 9068 JWT), before checking it. */
  static isAccessToken(token: string): boolean {
    if (!JWT_SHAPE.test(token)) return false;
    try {
      return decodeProtectedHeader(token).typ === ACCESS_TOKEN_TYPE;
    } catch {
      return false;
    }
  }

  /** Checks signature, `typ`, `iss`, `aud` (this instance), `exp` and the claims we read. */
  async verify(token: string): Promise<AccessTokenCheck> {
    try {
      const { payload } = await jwtVerify(token, this.publicKey, {
        algorithms: [ALGORITHM],
        typ: ACCESS_TOKEN_TYPE,
        issuer: this.instance,
        audience: this.instance,
        currentDate: new Date(this.now()),
        requiredClaims: ['exp', 'iat', 'jti', 'sub'],
      });
      const { sub, client_id: clientId, issuer, scope } = payload;
      if (
        typeof sub !== 'string' ||
        clientId !== sub ||
        typeof scope !== 'string' ||
        typeof issuer !== 'string'
      ) {
        return { valid: false, reason: 'The access token lacks its client, issuer or scope.' };
      }
      const scopes = scope.split(' ');
      if (!scopes.every(isIssuerScope)) {
        return { valid: false, reason: 'The access token names an unknown scope.' };
      }
      return { valid: true, clientId: sub, issuerDid: issuer, scopes };
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      return {
        valid: false,
        reason:
          code === 'ERR_JWT_EXPIRED'
            ? 'The access token has expired.'
            : code === 'ERR_JWT_CLAIM_VALIDATION_FAILED'
              ? 'The access token is not for this instance.'
              : 'The access token is not valid.',
      };
    }
  }
}
