import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { sendProblem } from '../../../common/http/problem.filter.js';
import { OAuthError } from '../oauth-error.js';

/** RFC 6749 §5.1: token responses, refusals included, are never cached. */
export const NO_STORE = { 'Cache-Control': 'no-store', Pragma: 'no-cache' };

/**
 * The token endpoint's refusals as RFC 6749 §5.2 JSON (`error`, `error_description`); anything
 * that is not an OAuth refusal (a rate limit, a lockout, a failure of ours) stays problem+json.
 */
@Catch()
export class OAuthErrorFilter implements ExceptionFilter {
  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    res.set(NO_STORE);
    if (!(error instanceof OAuthError)) {
      sendProblem(error, req, res);
      return;
    }
    if (error.basicChallenge) res.set('WWW-Authenticate', 'Basic realm="reconoce"');
    res.status(error.status).json({ error: error.error, error_description: error.description });
  }
}
