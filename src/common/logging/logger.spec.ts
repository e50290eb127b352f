import { serializeError } from './error-serializer.js';
import { createLogger, redactUrl } from './logger.js';

describe('logging', () => {
  it('redacts verify and share tokens from paths', () => {
    expect(redactUrl('/v/abcDEF123?lang=pt')).toBe('/v/[redacted]?lang=pt');
    expect(redactUrl('/v/abc/qr.svg')).toBe('/v/[redacted]/qr.svg');
    expect(redactUrl('/health')).toBe('/health');
  });

  it('redacts the personal data of a credential search from query strings', () => {
    expect(
      redactUrl(
        '/issuer/credentials?holderName=P%C3%A9rez&documentType=CEDULA&documentNumber=V-1&page=2',
      ),
    ).toBe(
      '/issuer/credentials?holderName=[redacted]&documentType=CEDULA&documentNumber=[redacted]&page=2',
    );
  });

  it('censors credentials and identifiers wherever they appear', () => {
    const lines: string[] = [];
    const logger = createLogger('info', { write: (line: string) => lines.push(line) });
    logger.info(
      {
        req: { headers: { authorization: 'Bearer rca_secret', cookie: 'sid=abc' } },
        holder: { documentNumber: 'V-00000001', claimCode: 'CLAIM-123' },
        issuer: { privateKey: 'zPRIVATE', apiKey: 'rck_live' },
      },
      'something happened',
    );
    expect(lines).toHaveLength(1);
    for (const secret of [
      'rca_secret',
      'sid=abc',
      'V-00000001',
      'CLAIM-123',
      'zPRIVATE',
      'rck_live',
    ]) {
      expect(lines[0]).not.toContain(secret);
    }
    expect(JSON.parse(lines[0])).toMatchObject({ msg: 'something happened', service: 'reconoce' });
  });

  it('serializes errors by allow-list, database errors without their data', () => {
    const database = Object.assign(new Error('invalid input syntax for type uuid: "Ana Secreta"'), {
      name: 'QueryFailedError',
      code: '22P02',
      table: 'holder',
      detail: 'Failing row contains (Ana Secreta)',
      parameters: ['Ana Secreta'],
      query: "SELECT 'Ana Secreta'",
    });
    const parser = Object.assign(new Error('parse failed'), { body: '{"name":"Ana Secreta"}' });
    const wrapped = new Error('could not store', { cause: database });
    const text = JSON.stringify([serializeError(wrapped), serializeError(parser)]);
    expect(text).not.toContain('Secreta');
    expect(serializeError(wrapped)).toMatchObject({
      message: 'could not store',
      cause: { code: '22P02', table: 'holder', message: 'invalid input syntax for type uuid: "…"' },
    });
  });

  it('drops the quoted values of any error message, not only a database one', () => {
    let thrown: unknown;
    try {
      JSON.parse('Ana Secreta');
    } catch (error) {
      thrown = error;
    }
    const library = new TypeError('"Ana Secreta" is not a valid date');
    const text = JSON.stringify([serializeError(thrown), serializeError(library)]);
    expect(text).not.toContain('Secreta');
    expect(serializeError(library)).toMatchObject({ message: '"…" is not a valid date' });
  });
});
