import {
  applyDecorators,
  createParamDecorator,
  Injectable,
  SetMetadata,
  UseGuards,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiSecurity } from '@nestjs/swagger';
import type { Request } from 'express';
import { AppError } from '../errors/app-error.js';
import { AuthService } from './auth.service.js';
import type { IssuerPrincipal, Principal, PrincipalKind } from './principal.js';
import type { IssuerScope } from './scopes.js';

const ALLOWED_KINDS = Symbol('ALLOWED_KINDS');
const REQUIRED_SCOPE = Symbol('REQUIRED_SCOPE');

/** The names of the OpenAPI security schemes (declared in src/openapi/openapi.ts). */
export const SECURITY_SCHEMES = {
  admin: 'adminToken',
  issuerApiKey: 'issuerApiKey',
  oauth2: 'oauth2',
  holder: 'holderSession',
} as const;

/**
 * Authenticates the caller; a valid token of another kind is 403, a missing or bad one 401. An
 * OAuth access token must also hold the route's scope (403 `INSUFFICIENT_SCOPE` otherwise); an
 * issuer route that names no scope takes API keys only.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly auth: AuthService,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const kinds = this.reflector.getAllAndOverride<PrincipalKind[]>(ALLOWED_KINDS, targets);
    const req = context.switchToHttp().getRequest<Request>();
    const principal = await this.auth.authenticate(req.get('authorization'));
    if (!kinds.includes(principal.kind)) {
      throw new AppError('FORBIDDEN', 'This credential may not use this route.');
    }
    if (principal.kind === 'issuer') {
      assertScope(
        principal,
        this.reflector.getAllAndOverride<IssuerScope>(REQUIRED_SCOPE, targets),
      );
    }
    req.principal = principal;
    return true;
  }
}

/** Refuses an access token without the scope a route requires (RFC 6750 §3.1). */
export function assertScope(principal: IssuerPrincipal, scope: IssuerScope | undefined): void {
  if (!('scopes' in principal)) return;
  if (scope && principal.scopes.includes(scope)) return;
  const needed = scope ? `the scope ${scope}` : 'an API key';
  throw new AppError('INSUFFICIENT_SCOPE', `This route needs ${needed}.`, {
    headers: {
      'WWW-Authenticate': scope
        ? `Bearer error="insufficient_scope", scope="${scope}"`
        : 'Bearer error="insufficient_scope"',
    },
  });
}

/** Restricts a route or controller to the given kinds of caller. */
export const Auth = (...kinds: PrincipalKind[]) =>
  applyDecorators(
    SetMetadata(ALLOWED_KINDS, kinds),
    UseGuards(AuthGuard),
    // Issuer routes declare their schemes with their scope (`IssuerRoute`).
    ...kinds.flatMap((kind) => (kind === 'issuer' ? [] : [ApiSecurity(SECURITY_SCHEMES[kind])])),
  );

/**
 * The scope an OAuth access token needs for an issuer route; an issuer API key may use it too.
 * Every route of `@Auth('issuer')` names one.
 */
export const IssuerRoute = (scope: IssuerScope) =>
  applyDecorators(
    SetMetadata(REQUIRED_SCOPE, scope),
    ApiSecurity(SECURITY_SCHEMES.issuerApiKey),
    ApiSecurity(SECURITY_SCHEMES.oauth2, [scope]),
  );

/** The authenticated caller of a route guarded by `@Auth`. */
export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal => {
    const principal = context.switchToHttp().getRequest<Request>().principal;
    if (!principal) throw new TypeError('CurrentPrincipal used on a route without @Auth');
    return principal;
  },
);

/** The issuer behind an issuer API key or access token. */
export const CurrentIssuer = createParamDecorator(
  (_data: unknown, context: ExecutionContext): IssuerPrincipal => {
    const principal = context.switchToHttp().getRequest<Request>().principal;
    if (principal?.kind !== 'issuer') throw new TypeError('CurrentIssuer needs @Auth("issuer")');
    return principal;
  },
);
