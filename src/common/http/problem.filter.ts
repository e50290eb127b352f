import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { PROBLEM_CONTENT_TYPE, toProblem } from '../errors/problem.js';

const logger = new Logger('Errors');

/** Writes any error as application/problem+json; unexpected ones are logged, never detailed. */
export function sendProblem(error: unknown, req: Request, res: Response): void {
  const { problem, headers, internal } = toProblem(error, req.id);
  if (internal) {
    logger.error({ err: error, requestId: req.id }, 'Unexpected error');
  }
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.status(problem.status).set(headers).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
}

/** The one global filter: every error a route throws leaves through here. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    sendProblem(error, http.getRequest<Request>(), http.getResponse<Response>());
  }
}

/** Express error middleware for failures before routing (body parsing). */
export function problemErrorMiddleware(
  error: unknown,
  req: Request,
  res: Response,
  _next: NextFunction,
): void {
  sendProblem(error, req, res);
}
