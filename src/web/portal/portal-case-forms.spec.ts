import { AppError } from '../../common/errors/app-error.js';
import {
  caseFormRefusal,
  plainFileName,
  readAnswerForm,
  readOpenCaseForm,
} from './portal-case-forms.js';

const TITLE = '5f0c8c64-2f64-4c4e-9d2b-0a4c1c1f4e11';
const filledForm = (overrides: Record<string, unknown> = {}) => ({
  country: 'CO',
  purpose: 'EMPLOYMENT',
  legalisation: 'APOSTILLE',
  credentials: TITLE,
  statement: '  Tengo el original.  ',
  ...overrides,
});
const pdf = { field: 'files', filename: 'a.pdf', content: Buffer.from('%PDF-') };

describe('plainFileName', () => {
  it.each([
    ['Título (1).pdf', 'Titulo -1-.pdf'],
    ['../../etc/passwd', 'etc-passwd'],
    ['plan de estudios.png', 'plan de estudios.png'],
    ['ñandú.jpg', 'nandu.jpg'],
    ['((()))', 'archivo'],
    ['x'.repeat(300), 'x'.repeat(100)],
  ])('%s → %s', (name, plain) => {
    expect(plainFileName(name)).toBe(plain);
    expect(plainFileName(name)).toMatch(/^[A-Za-z0-9][A-Za-z0-9 ._-]{0,99}$/);
  });
});

describe('readOpenCaseForm', () => {
  it('reads a filled form into the API’s input, with its files', () => {
    const form = readOpenCaseForm(filledForm(), { files: [pdf], tooMany: false }, 'es');
    expect(form.errors).toEqual({});
    expect(form.input).toMatchObject({
      destinationCountry: 'CO',
      purpose: 'EMPLOYMENT',
      legalisation: 'APOSTILLE',
      credentialIds: [TITLE],
      statement: 'Tengo el original.',
      files: [{ filename: 'a.pdf', content: pdf.content }],
    });
    expect(form.input?.authority).toBeUndefined();
  });

  it('names each missing or malformed field, and keeps what was typed', () => {
    const form = readOpenCaseForm(
      filledForm({ country: '', purpose: 'HOLIDAYS', credentials: undefined }),
      undefined,
      'en',
    );
    expect(form.input).toBeNull();
    expect(form.errors).toEqual({
      country: 'Fill in this field.',
      purpose: 'Check this entry.',
      credentials: 'Choose at least one credential.',
    });
    expect(form.values.statement).toBe('Tengo el original.');
  });

  it('refuses a statement longer than the API allows instead of dropping it', () => {
    const form = readOpenCaseForm(filledForm({ statement: 'a'.repeat(2001) }), undefined, 'es');
    expect(form.errors).toEqual({ statement: 'Revise este dato.' });
  });

  it('says when more files were sent than a message may carry', () => {
    const form = readOpenCaseForm(filledForm(), { files: [pdf], tooMany: true }, 'pt');
    expect(form.input).toBeNull();
    expect(form.errors).toEqual({ files: 'Você pode anexar no máximo 3 arquivos.' });
  });
});

describe('readAnswerForm', () => {
  it('needs a text; files are optional', () => {
    expect(readAnswerForm({ message: ' ' }, undefined, 'es').errors).toEqual({
      message: 'Complete este campo.',
    });
    expect(readAnswerForm({ message: 'Aquí está.' }, undefined, 'es').input).toMatchObject({
      message: 'Aquí está.',
      files: [],
    });
  });
});

describe('caseFormRefusal', () => {
  it('turns the module’s refusals into field messages with their status', () => {
    const tooLarge = new AppError('PAYLOAD_TOO_LARGE', 'big');
    expect(caseFormRefusal(tooLarge, 'es', 'answer')).toMatchObject({
      status: 413,
      errors: { files: expect.stringContaining('512 KB') },
    });
    expect(caseFormRefusal(new AppError('NOT_FOUND', 'x'), 'es', 'open')).toMatchObject({
      status: 404,
      errors: { credentials: 'Elija credenciales de su cuenta.' },
    });
    expect(
      caseFormRefusal(new AppError('INVALID_STATUS_TRANSITION', 'x'), 'es', 'answer'),
    ).toMatchObject({ status: 409, general: 'El pedido ya no espera su respuesta.' });
  });

  it('leaves anything else to the error page: an unknown case, an unexpected error', () => {
    expect(caseFormRefusal(new AppError('NOT_FOUND', 'x'), 'es', 'answer')).toBeNull();
    expect(caseFormRefusal(new Error('boom'), 'es', 'open')).toBeNull();
  });
});
