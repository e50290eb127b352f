import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { Principal } from '../../common/auth/principal.js';

export type HolderPrincipal = Extract<Principal, { kind: 'holder' }>;

/** The holder behind a holder session token, on a route guarded by `@Auth('holder')`. */
export const CurrentHolder = createParamDecorator(
  (_data: unknown, context: ExecutionContext): HolderPrincipal => {
    const principal = context.switchToHttp().getRequest<Request>().principal;
    if (principal?.kind !== 'holder') throw new TypeError('CurrentHolder needs @Auth("holder")');
    return principal;
  },
);
