import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { AppError } from '../../common/errors/app-error.js';
import type { Lang } from '../../common/i18n/i18n.js';
import { VALIDATOR_OPTIONS } from '../../common/validation/validation-pipe.js';
import { CaseMessageDto, OpenCaseDto } from '../../modules/recognition-cases/dto/case-input.dto.js';
import type {
  CaseMessageInput,
  OpenCaseInput,
} from '../../modules/recognition-cases/services/holder-cases.service.js';
import { PORTAL_MESSAGES } from '../messages/portal-messages.js';
import { field, fields, type FormBody } from './portal-forms.js';
import type { Uploads } from './portal-uploads.js';
import type { FieldErrors } from './portal-view.js';

/** What the person chose and typed in the case form, to show it again. */
export interface OpenCaseValues {
  country: string;
  authority: string;
  purpose: string;
  legalisation: string;
  statement: string;
  credentials: string[];
}

// The form's field names, and the API DTO's property each one fills.
const OPEN_FIELDS: Record<string, keyof OpenCaseValues> = {
  destinationCountry: 'country',
  authority: 'authority',
  purpose: 'purpose',
  legalisation: 'legalisation',
  statement: 'statement',
  credentialIds: 'credentials',
};

/**
 * A browser's file name as the API accepts it (letters, digits, space, `. _ -`): accents
 * dropped, anything else a hyphen, so that `Título (1).pdf` keeps being recognisable.
 */
export function plainFileName(name: string): string {
  const plain = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9 ._-]+/g, '-')
    .replace(/^[^A-Za-z0-9]+/, '')
    .slice(0, 100);
  return plain || 'archivo';
}

function uploadedFiles(uploads: Uploads | undefined, lang: Lang, errors: FieldErrors) {
  if (uploads?.tooMany) errors.files = PORTAL_MESSAGES[lang].err_tooManyFiles;
  return (uploads?.files ?? [])
    .filter((file) => file.field === 'files')
    .map((file) => ({ filename: plainFileName(file.filename), content: file.content }));
}

function validationErrors(
  dto: object,
  lang: Lang,
  names: Record<string, string>,
  typed: (property: string) => boolean,
): FieldErrors {
  const t = PORTAL_MESSAGES[lang];
  const errors: FieldErrors = {};
  for (const error of validateSync(dto, VALIDATOR_OPTIONS)) {
    const name = names[error.property] ?? error.property;
    if (name === 'credentials') errors[name] = t.err_chooseCredential;
    else errors[name] = typed(error.property) ? t.err_format : t.err_required;
  }
  return errors;
}

/**
 * The case form read through the API's own DTO rules; its files as uploaded. The files' size and
 * type are the recognition-cases module's to check, when the case is opened.
 */
// Text fields are read longer than the DTO allows, so that its rule, not silence, refuses them.
export function readOpenCaseForm(
  body: FormBody | undefined,
  uploads: Uploads | undefined,
  lang: Lang,
): { input: OpenCaseInput | null; values: OpenCaseValues; errors: FieldErrors } {
  const values: OpenCaseValues = {
    country: field(body, 'country', 2),
    authority: field(body, 'authority', 64),
    purpose: field(body, 'purpose', 32),
    legalisation: field(body, 'legalisation', 32),
    statement: field(body, 'statement', 8000),
    credentials: [...new Set(fields(body, 'credentials'))].slice(0, 10),
  };
  const plain = {
    destinationCountry: values.country,
    authority: values.authority || undefined,
    purpose: values.purpose,
    legalisation: values.legalisation,
    statement: values.statement || undefined,
    credentialIds: values.credentials,
  };
  const dto = plainToInstance(OpenCaseDto, plain);
  // The API's rule takes any short code and leaves the country to the service; a form says so.
  const errors: FieldErrors = values.country ? {} : { country: PORTAL_MESSAGES[lang].err_required };
  Object.assign(
    errors,
    validationErrors(dto, lang, OPEN_FIELDS, (property) => Boolean(values[OPEN_FIELDS[property]])),
  );
  const files = uploadedFiles(uploads, lang, errors);
  const ok = Object.keys(errors).length === 0;
  return { input: ok ? { ...dto, files } : null, values, errors };
}

/** The answer to a request for information: its text, through the API's DTO, and its files. */
export function readAnswerForm(
  body: FormBody | undefined,
  uploads: Uploads | undefined,
  lang: Lang,
): { input: CaseMessageInput | null; message: string; errors: FieldErrors } {
  const message = field(body, 'message', 8000);
  const dto = plainToInstance(CaseMessageDto, { message });
  const errors = validationErrors(dto, lang, {}, () => message !== '');
  const files = uploadedFiles(uploads, lang, errors);
  const ok = Object.keys(errors).length === 0;
  return { input: ok ? { ...dto, files } : null, message, errors };
}

/**
 * A refusal of the recognition-cases module as the form's field messages, with its status; null
 * when it is not about what the person sent (the page's error filter handles those).
 */
export function caseFormRefusal(
  error: unknown,
  lang: Lang,
  form: 'open' | 'answer',
): { status: number; errors: FieldErrors; general?: string } | null {
  if (!(error instanceof AppError)) return null;
  const t = PORTAL_MESSAGES[lang];
  const code = error.code;
  const refusal = (errors: FieldErrors, general?: string) => ({
    status: error.status,
    errors,
    general,
  });
  if (code === 'PAYLOAD_TOO_LARGE') return refusal({ files: t.err_fileTooLarge });
  if (code === 'UNSUPPORTED_MEDIA_TYPE') return refusal({ files: t.err_fileType });
  if (form === 'open') {
    if (code === 'INVALID_REFERENCE') return refusal({ country: t.err_noAuthority });
    // Opening, the only thing that can be unknown is a credential: not one of the holder's.
    if (code === 'NOT_FOUND') return refusal({ credentials: t.err_credentialUnknown });
  }
  if (form === 'answer' && code === 'INVALID_STATUS_TRANSITION') {
    return refusal({}, t.caseNotAwaitingAnswer);
  }
  return null;
}
