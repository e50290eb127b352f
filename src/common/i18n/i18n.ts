/** The languages of every user-facing text: Spanish (default), Portuguese, English. */
export const LANGS = ['es', 'pt', 'en'] as const;
export type Lang = (typeof LANGS)[number];
export const DEFAULT_LANG: Lang = 'es';

export const isLang = (value: unknown): value is Lang =>
  typeof value === 'string' && (LANGS as readonly string[]).includes(value);

/**
 * `?lang=` wins, then the language the person chose before (the `cookie`), then the first
 * supported language of Accept-Language, then Spanish.
 */
export function pickLang(
  query: unknown,
  acceptLanguage: string | undefined,
  cookie?: string,
): Lang {
  if (isLang(query)) return query;
  if (isLang(cookie)) return cookie;
  for (const part of (acceptLanguage ?? '').split(',')) {
    const tag = part.trim().slice(0, 2).toLowerCase();
    if (isLang(tag)) return tag;
  }
  return DEFAULT_LANG;
}

export function escapeHtml(value: string | number | boolean | null | undefined): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

export const LOCALES: Record<Lang, string> = { es: 'es-419', pt: 'pt-BR', en: 'en-GB' };

/** A date from a Date or an ISO string; null for nothing or an invalid date. */
export function toDate(value: string | Date | null | undefined): Date | null {
  if (!value) return null;
  const date = typeof value === 'string' ? new Date(value) : value;
  return Number.isNaN(date.getTime()) ? null : date;
}

export function formatDate(value: string | Date | null | undefined, lang: Lang): string {
  const date = toDate(value);
  if (!date) return '';
  return new Intl.DateTimeFormat(LOCALES[lang], { dateStyle: 'long', timeZone: 'UTC' }).format(
    date,
  );
}

/**
 * The country of the first Accept-Language tag that names a region (`es-PE` → `PE`) among
 * `known`; undefined when none does. A guess to preselect, never a decision.
 */
export function countryFromAcceptLanguage(
  acceptLanguage: string | undefined,
  known: (code: string) => boolean,
): string | undefined {
  for (const part of (acceptLanguage ?? '').split(',')) {
    const region = /^[a-z]{2,3}-([a-z]{2})\b/i.exec(part.trim())?.[1]?.toUpperCase();
    if (region && known(region)) return region;
  }
  return undefined;
}
