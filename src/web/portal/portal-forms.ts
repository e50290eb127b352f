import { DOCUMENT_TYPES, type DocumentInput } from '../../modules/holders/holder-identity.js';
import { isDocumentType } from '../../modules/holders/holder-identity.js';
import type { Lang } from '../i18n.js';
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

export function documentValues(body: FormBody | undefined): DocumentValues {
  return {
    documentType: field(body, 'documentType', 40),
    documentCountry: field(body, 'documentCountry', 2).toUpperCase(),
    documentNumber: field(body, 'documentNumber', 64),
  };
}

/** The document a person typed, or what is wrong with it (field by field). */
export function readDocument(
  lang: Lang,
  values: DocumentValues,
  errors: FieldErrors,
): DocumentInput | null {
  const t = PORTAL_MESSAGES[lang];
  const { documentType, documentCountry, documentNumber } = values;
  if (!documentType) errors.documentType = t.err_required;
  else if (!isDocumentType(documentType)) errors.documentType = t.err_format;
  if (!documentCountry) errors.documentCountry = t.err_required;
  else if (!/^[A-Z]{2}$/.test(documentCountry)) errors.documentCountry = t.err_format;
  if (!documentNumber) errors.documentNumber = t.err_required;
  else if (!/[\p{L}\p{N}]/u.test(documentNumber)) errors.documentNumber = t.err_format;
  if (errors.documentType || errors.documentCountry || errors.documentNumber) return null;
  return {
    type: documentType as DocumentInput['type'],
    country: documentCountry,
    number: documentNumber,
  };
}

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
