import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validateSync } from 'class-validator';
import type { Lang } from '../../common/i18n/i18n.js';
import { VALIDATOR_OPTIONS } from '../../common/validation/validation-pipe.js';
import { DOCUMENT_TYPES } from '../../modules/holder-identity/holder-identity.js';
import { PORTAL_MESSAGES } from '../messages/portal-messages.js';
import { say, selectField, textField, type FieldErrors, type Option } from './portal-view.js';

export type FormBody = Record<string, unknown>;

/** A form field as one trimmed string ('' when absent, repeated or too long to be real). */
export function field(body: FormBody | undefined, name: string, max = 256): string {
  const value = body?.[name];
  if (typeof value !== 'string') return '';
  const trimmed = value.trim();
  return trimmed.length <= max ? trimmed : '';
}

/** A repeated form field (checkboxes) as a list of strings. */
export function fields(body: FormBody | undefined, name: string): string[] {
  const value = body?.[name];
  const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return values.filter((v): v is string => typeof v === 'string');
}

export interface DocumentValues {
  documentType: string;
  documentCountry: string;
  documentNumber: string;
}

export interface ReadForm<T, K extends string> {
  /** The input as the API's DTO, when every field is valid. */
  dto: T | null;
  /** What the person typed, trimmed, to show the form again. */
  values: Record<K, string>;
  errors: FieldErrors;
}

/**
 * A posted form read through the API's own DTO and validator rules: each named field as a trimmed
 * string, and each invalid one explained in words (missing, or not in the expected form).
 */
export function readForm<T extends object, K extends keyof T & string>(
  dtoClass: ClassConstructor<T>,
  body: FormBody | undefined,
  lang: Lang,
  names: readonly K[],
): ReadForm<T, K> {
  const t = PORTAL_MESSAGES[lang];
  const values = Object.fromEntries(names.map((name) => [name, field(body, name)])) as Record<
    K,
    string
  >;
  const dto = plainToInstance(dtoClass, values);
  const errors: FieldErrors = {};
  for (const error of validateSync(dto, VALIDATOR_OPTIONS)) {
    errors[error.property] = values[error.property as K] ? t.err_format : t.err_required;
  }
  return { dto: Object.keys(errors).length === 0 ? dto : null, values, errors };
}

export const DOCUMENT_FIELDS = ['documentType', 'documentCountry', 'documentNumber'] as const;

/** The hidden field that /assets/time-zone.js fills with the browser's IANA zone. */
export const BROWSER_TIME_ZONE = 'browserTimeZone';
export const TIME_ZONE_SCRIPT = '/assets/time-zone.js';

/** Empty without script; a hint, never required. */
export const browserTimeZoneField = `<input type="hidden" name="${BROWSER_TIME_ZONE}" value="">`;

/** Type, issuing country and number of an identity document. */
export function documentFields(
  lang: Lang,
  values: Partial<DocumentValues>,
  countries: Option[],
  errors: FieldErrors,
): string {
  const t = PORTAL_MESSAGES[lang];
  const types = DOCUMENT_TYPES.map((type) => ({ value: type, label: say(lang, `doc_${type}`) }));
  return [
    selectField({
      name: 'documentType',
      label: t.documentType,
      options: types,
      placeholder: t.chooseType,
      value: values.documentType,
      errors,
    }),
    selectField({
      name: 'documentCountry',
      label: t.documentCountry,
      options: countries,
      placeholder: t.chooseCountry,
      value: values.documentCountry,
      errors,
    }),
    textField({
      name: 'documentNumber',
      label: t.documentNumber,
      hint: t.documentNumberHint,
      value: values.documentNumber,
      autocomplete: 'off',
      maxLength: 64,
      extra: ' autocapitalize="characters" spellcheck="false"',
      errors,
    }),
  ].join('\n');
}
