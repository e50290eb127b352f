import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { Lang } from '../../common/i18n/i18n.js';
import type { CaseWorkerSignedIn } from '../../modules/recognition-cases/services/case-worker-sessions.service.js';

/** What every console handler knows about its request, set by the ConsoleGuard. */
export interface ConsoleContext {
  lang: Lang;
  worker: CaseWorkerSignedIn | null;
  /** The CSRF token for this page's forms. */
  csrf: string;
}

export interface StaffContext extends ConsoleContext {
  worker: CaseWorkerSignedIn;
}

declare module 'http' {
  interface IncomingMessage {
    console?: ConsoleContext;
  }
}

export const CONSOLE_PUBLIC = Symbol('CONSOLE_PUBLIC');

/** A console route open without signing in (sign-in and enrolment). */
export const PublicConsolePage = () => SetMetadata(CONSOLE_PUBLIC, true);

export const Console = createParamDecorator((_data: unknown, context: ExecutionContext) => {
  const ctx = context.switchToHttp().getRequest<Request>().console;
  if (!ctx) throw new TypeError('Console() needs the ConsoleGuard');
  return ctx;
});

/** The context of a route that requires a signed-in case worker (the guard has made sure). */
export const Staff = createParamDecorator((_data: unknown, context: ExecutionContext) => {
  const ctx = context.switchToHttp().getRequest<Request>().console;
  if (!ctx?.worker) throw new TypeError('Staff() needs the ConsoleGuard on a private route');
  return ctx as StaffContext;
});
