import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { HolderPrincipal } from '../../modules/holders/holder-principal.js';
import type { Lang } from '../../common/i18n/i18n.js';

/** What every portal handler knows about its request, set by the PortalGuard. */
export interface PortalContext {
  lang: Lang;
  holder: HolderPrincipal | null;
  /** The CSRF token for this page's forms. */
  csrf: string;
  /** The IANA zone times are shown in: the holder's, or the registry's default when signed out. */
  timeZone: string;
}

export interface SignedInContext extends PortalContext {
  holder: HolderPrincipal;
}

declare module 'http' {
  interface IncomingMessage {
    portal?: PortalContext;
  }
}

export const PORTAL_PUBLIC = Symbol('PORTAL_PUBLIC');

/** A portal route open without signing in (the sign-in and sign-up forms). */
export const PublicPage = () => SetMetadata(PORTAL_PUBLIC, true);

export const Portal = createParamDecorator((_data: unknown, context: ExecutionContext) => {
  const portal = context.switchToHttp().getRequest<Request>().portal;
  if (!portal) throw new TypeError('Portal() needs the PortalGuard');
  return portal;
});

/** The context of a route that requires a signed-in holder (the guard has made sure). */
export const SignedIn = createParamDecorator((_data: unknown, context: ExecutionContext) => {
  const portal = context.switchToHttp().getRequest<Request>().portal;
  if (!portal?.holder) throw new TypeError('SignedIn() needs the PortalGuard on a private route');
  return portal as SignedInContext;
});
