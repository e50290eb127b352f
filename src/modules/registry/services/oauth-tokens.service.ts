import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import { DataSource } from 'typeorm';
import {
  AuthService,
  INVALID_TOKEN_CHALLENGE,
  type PrincipalResolver,
} from '../../../common/auth/auth.service.js';
import type { IssuerPrincipal } from '../../../common/auth/principal.js';
import { isIssuerScope, type IssuerScope } from '../../../common/auth/scopes.js';
import { AppError } from '../../../common/errors/app-error.js';
import { createSharedLimiter } from '../../../common/http/rate-limit-store.js';
import type { AppConfig } from '../../../config/config.js';
import { InjectConfig } from '../../../config/config.module.js';
import { assertIssuerMayAct } from '../issuer-access.js';
import { OAuthAccessTokens } from '../oauth-access-tokens.js';
import { OAuthError } from '../oauth-error.js';
import { parseTokenRequest, type TokenRequestInput } from '../oauth-token-request.js';
import { OAuthClientsService } from './oauth-clients.service.js';

/** The token response of RFC 6749 §5.1. */
export interface TokenResponse {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  scope: string;
}

/**
 * The client credentials grant (RFC 6749 §4.4) and the access tokens it hands out, which every
 * issuer route accepts beside API keys. Wrong secrets are counted per client in the shared
 * `rate_limit` table; past OAUTH_CLIENT_MAX_FAILURES in a row the client is locked for
 * OAUTH_LOCKOUT_SECONDS, even with the right secret.
 */
@Injectable()
export class OAuthTokensService implements PrincipalResolver, OnModuleInit {
  private readonly tokens: OAuthAccessTokens;
  private readonly failures: RateLimiterAbstract;
  private readonly instance: string;

  constructor(
    @InjectConfig() private readonly config: AppConfig,
    @InjectDataSource() dataSource: DataSource,
    private readonly clients: OAuthClientsService,
    private readonly auth: AuthService,
  ) {
    this.instance = config.publicBaseUrl;
    this.tokens = new OAuthAccessTokens(
      config.secrets.SESSION_SECRET,
      config.publicBaseUrl,
      config.oauth.tokenSeconds,
    );
    this.failures = createSharedLimiter(dataSource, {
      keyPrefix: 'oauth-client-secret',
      points: config.oauth.clientMaxFailures,
      duration: config.oauth.lockoutSeconds,
    });
  }

  onModuleInit(): void {
    this.auth.register(this);
  }

  /** Answers a token request, or throws the RFC 6749 §5.2 error (or RATE_LIMITED when locked). */
  async grant(input: TokenRequestInput): Promise<TokenResponse> {
    const request = parseTokenRequest(input);
    const unknownClient = () =>
      new OAuthError('invalid_client', 'Client authentication failed.', request.viaBasic);
    if (!OAuthClientsService.isClientId(request.clientId)) throw unknownClient();
    await this.assertNotLocked(request.clientId);
    const client = await this.clients.authenticate(request.clientId, request.clientSecret);
    if (!client?.issuer) {
      await this.countFailure(request.clientId);
      throw unknownClient();
    }
    await this.failures.delete(request.clientId);
    if (client.issuer.status !== 'ACTIVE') {
      throw new OAuthError(
        'unauthorized_client',
        `The client's issuer is ${client.issuer.status.toLowerCase()}.`,
      );
    }
    if (request.audience !== undefined && request.audience.replace(/\/+$/, '') !== this.instance) {
      throw new OAuthError('invalid_request', `audience must be ${this.instance}.`);
    }
    const refused = request.scopes.filter(
      (scope) => !isIssuerScope(scope) || !client.scopes.includes(scope),
    );
    if (refused.length > 0) {
      throw new OAuthError(
        'invalid_scope',
        `Not a scope this client may have: ${refused.join(' ')}.`,
      );
    }
    const scopes = request.scopes as IssuerScope[];
    const { token, expiresIn } = await this.tokens.sign({
      clientId: client.clientId,
      issuerDid: client.issuer.did,
      scopes,
    });
    return {
      access_token: token,
      token_type: 'Bearer',
      expires_in: expiresIn,
      scope: scopes.join(' '),
    };
  }

  /**
   * Authenticates an access token of ours (RFC 9068 `at+jwt`): signature, audience, expiry, and
   * that the client is not revoked and its issuer may still act. Other bearer tokens are left to
   * the other resolvers.
   */
  async resolve(token: string): Promise<IssuerPrincipal | undefined> {
    if (!OAuthAccessTokens.isAccessToken(token)) return undefined;
    const check = await this.tokens.verify(token);
    if (!check.valid) throw invalidToken(check.reason);
    const client = await this.clients.findActive(check.clientId);
    if (!client?.issuer || client.issuer.did !== check.issuerDid) {
      throw invalidToken('The OAuth client of the access token is revoked.');
    }
    assertIssuerMayAct(client.issuer);
    return {
      kind: 'issuer',
      issuerId: client.issuer.id,
      slug: client.issuer.slug,
      did: client.issuer.did,
      oauthClientId: client.id,
      // A token never holds more than its client may have now.
      scopes: check.scopes.filter((scope) => client.scopes.includes(scope)),
    };
  }

  private async assertNotLocked(clientId: string): Promise<void> {
    const state = await this.failures.get(clientId);
    if (state && state.consumedPoints >= this.failures.points) {
      const seconds = Math.max(1, Math.ceil(state.msBeforeNext / 1000));
      throw new AppError('RATE_LIMITED', 'Too many wrong client secrets; try again later.', {
        headers: { 'Retry-After': String(seconds) },
      });
    }
  }

  private async countFailure(clientId: string): Promise<void> {
    const state = await this.failures.penalty(clientId, 1);
    if (state.consumedPoints >= this.failures.points) {
      await this.failures.block(clientId, this.config.oauth.lockoutSeconds);
    }
  }
}

function invalidToken(reason: string): AppError {
  return new AppError('INVALID_TOKEN', reason, {
    headers: { 'WWW-Authenticate': INVALID_TOKEN_CHALLENGE },
  });
}
