import {
  BadRequestException,
  NotFoundException,
  ServiceUnavailableException,
} from '@nestjs/common';
import { AppError } from './app-error.js';
import { toProblem } from './problem.js';

describe('toProblem', () => {
  it('keeps an AppError code, detail, field errors and headers', () => {
    const error = new AppError('RATE_LIMITED', 'Too many requests.', {
      headers: { 'Retry-After': '30' },
      errors: [{ path: 'x', message: 'bad' }],
    });
    expect(toProblem(error, 'r1')).toEqual({
      problem: {
        type: 'urn:reconoce:problem:rate-limited',
        title: 'Too Many Requests',
        status: 429,
        detail: 'Too many requests.',
        code: 'RATE_LIMITED',
        errors: [{ path: 'x', message: 'bad' }],
        requestId: 'r1',
      },
      headers: { 'Retry-After': '30' },
      internal: false,
    });
  });

  it('answers an unknown error with 500 and no internals', () => {
    const error = new Error('password=hunter2 at /srv/app.js:1:1');
    const { problem, internal } = toProblem(error, 'r2');
    expect(problem).toMatchObject({ status: 500, code: 'INTERNAL_ERROR' });
    expect(JSON.stringify(problem)).not.toContain('hunter2');
    expect(internal).toBe(true);
  });

  it('maps Nest HTTP exceptions by status, hiding 5xx messages', () => {
    const notFound = toProblem(new NotFoundException('Cannot GET /x/Ana-Secreta'), 'r').problem;
    expect(notFound.code).toBe('NOT_FOUND');
    expect(notFound.detail).not.toContain('Secreta');
    expect(toProblem(new BadRequestException('nope'), 'r').problem.code).toBe('BAD_REQUEST');
    const unavailable = toProblem(new ServiceUnavailableException('db at 10.0.0.1'), 'r').problem;
    expect(unavailable).toMatchObject({ status: 503, code: 'NOT_READY' });
    expect(unavailable.detail).not.toContain('10.0.0.1');
  });

  it('maps body-parser failures', () => {
    const parse = Object.assign(new SyntaxError('x'), { type: 'entity.parse.failed', status: 400 });
    const large = Object.assign(new Error('x'), { type: 'entity.too.large', status: 413 });
    expect(toProblem(parse, 'r').problem.code).toBe('MALFORMED_JSON');
    expect(toProblem(large, 'r').problem).toMatchObject({ status: 413, code: 'PAYLOAD_TOO_LARGE' });
  });

  it('never turns an unknown error into a 400', () => {
    const odd = Object.assign(new Error('x'), { type: 'something.else', status: 400 });
    expect(toProblem(odd, 'r').problem.status).toBe(500);
  });

  it('answers an unreachable or cancelling database with 503 and Retry-After', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), {
      code: 'ECONNREFUSED',
    });
    const cancelled = Object.assign(new Error('canceling statement due to statement timeout'), {
      name: 'QueryFailedError',
      driverError: { code: '57014' },
    });
    const lost = new Error('Connection terminated unexpectedly');
    const wrapped = new Error('could not store', { cause: lost });
    for (const error of [refused, cancelled, lost, wrapped]) {
      const { problem, headers, internal } = toProblem(error, 'r');
      expect(problem).toMatchObject({ status: 503, code: 'DATABASE_UNAVAILABLE' });
      expect(problem.detail).not.toContain('127.0.0.1');
      expect(headers).toEqual({ 'Retry-After': '5' });
      expect(internal).toBe(false);
    }
  });

  it('keeps a wrong statement a 500', () => {
    const duplicate = Object.assign(new Error('duplicate key'), { driverError: { code: '23505' } });
    expect(toProblem(duplicate, 'r').problem.code).toBe('INTERNAL_ERROR');
  });
});
