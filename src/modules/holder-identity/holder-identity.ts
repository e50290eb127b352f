import { createHmac } from 'node:crypto';
import { AppError } from '../../common/errors/app-error.js';
import { DocumentNumberError, documentRule, isDemoNumber } from './document-rules.js';

/**
 * Identity document types a holder may be known by. No single number identifies a person across
 * the region, so a holder collects several over time:
 * - `CEDULA`: a national identity card (e.g. the Venezuelan cédula `V-12345678`, Ecuador's cédula);
 * - `PASSPORT`: a passport of any country, expired ones included;
 * - `PPT`: Colombia's Permiso por Protección Temporal for Venezuelans;
 * - `PEP`: Colombia's Permiso Especial de Permanencia, the PPT's predecessor;
 * - `CPP`: Peru's Carné de Permiso Temporal de Permanencia;
 * - `CARNE_EXTRANJERIA`: a foreigner's card (Peru's or Colombia's carné/cédula de extranjería);
 * - `DNI`: a national identity document so called (Peru, Argentina, …);
 * - `RUT`: Chile's Rol Único Tributario / RUN, on the Chilean identity card;
 * - `CPF`: Brazil's Cadastro de Pessoas Físicas, the number of the Brazilian identity card (CIN);
 * - `OTHER`: anything else an issuer identified the person by.
 */
export const DOCUMENT_TYPES = [
  'CEDULA',
  'PASSPORT',
  'PPT',
  'PEP',
  'CPP',
  'CARNE_EXTRANJERIA',
  'DNI',
  'RUT',
  'CPF',
  'OTHER',
] as const;

export type DocumentType = (typeof DOCUMENT_TYPES)[number];

/** A document as an issuer gives it: the number in clear, never stored. */
export interface DocumentInput {
  type: DocumentType;
  /** ISO 3166-1 alpha-2 code of the issuing country. */
  country: string;
  number: string;
}

export function isDocumentType(value: unknown): value is DocumentType {
  return typeof value === 'string' && (DOCUMENT_TYPES as readonly string[]).includes(value);
}

/**
 * The canonical form of a document number: upper-case letters and digits only, so that
 * `V-00000001`, `v 00.000.001` and `V00000001` are the same number. Compatibility forms are
 * folded first (full-width digits become ASCII digits).
 *
 * @throws TypeError when nothing of the number is left (no letter nor digit in it).
 */
export function normaliseDocumentNumber(number: string): string {
  if (typeof number !== 'string') throw new TypeError('A document number must be a string');
  const normalised = number
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
  if (normalised.length === 0) {
    throw new TypeError('A document number must contain at least one letter or digit');
  }
  return normalised;
}

/**
 * The one form of a document's number its HMAC is taken of: the generic form, then the rules of
 * that document type of that country (docs/identity-documents.md): a Venezuelan cédula with its
 * letter and no leading zeros, a Chilean RUN or a Brazilian CPF with a check digit that matches.
 *
 * @throws DocumentNumberError for a number its document's rules refuse; TypeError as
 *   `normaliseDocumentNumber`.
 */
export function canonicalDocumentNumber(document: DocumentInput): string {
  const number = normaliseDocumentNumber(document.number);
  const rule = documentRule(document.type, normaliseCountry(document.country));
  return rule && !isDemoNumber(number) ? rule.canonical(number) : number;
}

function hmacOfForm(pepper: string, document: DocumentInput, number: string): string {
  if (!pepper) throw new TypeError('documentHmac needs the HOLDER_ID_PEPPER');
  if (!isDocumentType(document.type)) {
    throw new TypeError(`Unknown document type "${String(document.type)}"`);
  }
  const country = normaliseCountry(document.country);
  return createHmac('sha256', pepper).update(`${document.type}|${country}|${number}`).digest('hex');
}

/**
 * HMAC-SHA-256 (hex) of `<type>|<country>|<canonical number>` under HOLDER_ID_PEPPER: equal for
 * the same document however it was typed, and useless without the pepper.
 *
 * @throws TypeError for an empty pepper, an unknown type, a country that is not two letters, or a
 *   number with no letter nor digit; DocumentNumberError for one its document's rules refuse.
 */
export function documentHmac(pepper: string, document: DocumentInput): string {
  return hmacOfForm(pepper, document, canonicalDocumentNumber(document));
}

/**
 * The HMACs the same document may have been stored under before its rule existed (when only the
 * generic form was hashed): `V00000001` or `12345678` for what is now `V1` or `V12345678`.
 * Empty for documents without a rule.
 */
export function legacyDocumentHmacs(pepper: string, document: DocumentInput): string[] {
  const number = normaliseDocumentNumber(document.number);
  const rule = documentRule(document.type, normaliseCountry(document.country));
  if (!rule || isDemoNumber(number)) return [];
  const canonical = rule.canonical(number);
  return [...new Set(rule.legacy(canonical))]
    .filter((form) => form !== canonical)
    .map((form) => hmacOfForm(pepper, document, form));
}

/** The last four characters of the normalised number, the only part ever shown or stored. */
export function last4(number: string): string {
  return normaliseDocumentNumber(number).slice(-4);
}

/** `co` and `CO` are the same country. */
export function normaliseCountry(country: string): string {
  const upper = typeof country === 'string' ? country.trim().toUpperCase() : '';
  if (!/^[A-Z]{2}$/.test(upper)) {
    throw new TypeError(
      `A document's country must be an ISO 3166-1 alpha-2 code, got "${country}"`,
    );
  }
  return upper;
}

/**
 * Refuses a number its document's rules refuse, as a "check the number" a person can act on:
 * 400 DOCUMENT_NUMBER_INVALID naming the field, with `FORMAT` or `CHECK_DIGIT` in its message.
 *
 * @throws AppError DOCUMENT_NUMBER_INVALID
 */
export function assertDocumentNumber(document: DocumentInput, path: string): void {
  try {
    canonicalDocumentNumber(document);
  } catch (error) {
    if (!(error instanceof DocumentNumberError)) throw error;
    throw new AppError('DOCUMENT_NUMBER_INVALID', `Check the document number: ${error.message}.`, {
      errors: [{ path, message: `${error.problem}: ${error.message}` }],
    });
  }
}
