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
import { ApiBearerAuth } from '@nestjs/swagger';
import type { Request } from 'express';
import { AppError } from '../errors/app-error.js';
import { AuthService } from './auth.service.js';
import type { Principal, PrincipalKind } from './principal.js';

const ALLOWED_KINDS = Symbol('ALLOWED_KINDS');

/** Authenticates the caller; a valid token of another kind is 403, a missing or bad one 401. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly auth: AuthService,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const kinds = this.reflector.getAllAndOverride<PrincipalKind[]>(ALLOWED_KINDS, [
      context.getHandler(),
      context.getClass(),
    ]);
    const req = context.switchToHttp().getRequest<Request>();
    const principal = await this.auth.authenticate(req.get('authorization'));
    if (!kinds.includes(principal.kind)) {
      throw new AppError('FORBIDDEN', 'This credential may not use this route.');
    }
    req.principal = principal;
    return true;
  }
}

/** Restricts a route or controller to the given kinds of caller. */
export const Auth = (...kinds: PrincipalKind[]) =>
  applyDecorators(SetMetadata(ALLOWED_KINDS, kinds), UseGuards(AuthGuard), ApiBearerAuth());

/** The authenticated caller of a route guarded by `@Auth`. */
export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal => {
    const principal = context.switchToHttp().getRequest<Request>().principal;
    if (!principal) throw new TypeError('CurrentPrincipal used on a route without @Auth');
    return principal;
  },
);

/** The issuer behind an issuer API key. */
export const CurrentIssuer = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Extract<Principal, { kind: 'issuer' }> => {
    const principal = context.switchToHttp().getRequest<Request>().principal;
    if (principal?.kind !== 'issuer') throw new TypeError('CurrentIssuer needs @Auth("issuer")');
    return principal;
  },
);
