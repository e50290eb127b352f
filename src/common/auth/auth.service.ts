import { Injectable } from '@nestjs/common';
import { timingSafeEqual } from 'node:crypto';
import { sha256Bytes } from '../crypto/index.js';
import type { AppConfig } from '../../config/config.js';
import { InjectConfig } from '../../config/config.module.js';
import { AppError } from '../errors/app-error.js';
import type { Principal } from './principal.js';

/** RFC 6750 §3: a 401 of a bearer-protected route names the scheme. */
const CHALLENGE = 'Bearer realm="reconoce"';

/** The RFC 6750 §3 challenge for a bearer token that was given but is not valid. */
export const INVALID_TOKEN_CHALLENGE = `${CHALLENGE}, error="invalid_token"`;

/** Turns a bearer token into a principal, or answers undefined when it is not one of its kind. */
export interface PrincipalResolver {
  resolve(token: string): Promise<Principal | undefined>;
}

@Injectable()
export class AuthService {
  private readonly resolvers: PrincipalResolver[] = [];
  private readonly adminDigest: Buffer;

  constructor(@InjectConfig() config: AppConfig) {
    this.adminDigest = sha256Bytes(config.secrets.ADMIN_TOKEN);
  }

  /**
   * Modules that own a kind of credential (API keys, OAuth access tokens, holder sessions) register
   * here.
   */
  register(resolver: PrincipalResolver): void {
    this.resolvers.push(resolver);
  }

  async authenticate(authorization: string | undefined): Promise<Principal> {
    const token = /^Bearer ([\x21-\x7e]{1,2048})$/.exec(authorization ?? '')?.[1];
    if (!token) {
      throw new AppError('UNAUTHORIZED', 'A bearer token is required.', {
        headers: { 'WWW-Authenticate': CHALLENGE },
      });
    }
    // Digests have equal length, so the comparison takes the same time whatever the token.
    if (timingSafeEqual(sha256Bytes(token), this.adminDigest)) return { kind: 'admin' };
    for (const resolver of this.resolvers) {
      const principal = await resolver.resolve(token);
      if (principal) return principal;
    }
    throw new AppError('UNAUTHORIZED', 'The bearer token is not valid.', {
      headers: { 'WWW-Authenticate': INVALID_TOKEN_CHALLENGE },
    });
  }
}
