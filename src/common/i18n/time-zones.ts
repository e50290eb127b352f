import { LOCALES, toDate, type Lang } from './i18n.js';

/** Where a holder is presumed to be when nothing better is known: the registry's seat. */
export const DEFAULT_TIME_ZONE = 'America/Bogota';

/** Every IANA zone the runtime knows (its canonical names), and UTC. */
export const TIME_ZONES: readonly string[] = [...Intl.supportedValuesOf('timeZone'), 'UTC'].sort();

/**
 * The civil time of each country of the region (and of Spain and Portugal, where many of its
 * migrants live), for a holder whose zone is unknown: the capital's zone where a country has
 * more than one.
 */
const COUNTRY_TIME_ZONES: Record<string, string> = {
  AR: 'America/Argentina/Buenos_Aires',
  AW: 'America/Aruba',
  BB: 'America/Barbados',
  BO: 'America/La_Paz',
  BR: 'America/Sao_Paulo',
  BS: 'America/Nassau',
  BZ: 'America/Belize',
  CL: 'America/Santiago',
  CO: 'America/Bogota',
  CR: 'America/Costa_Rica',
  CU: 'America/Havana',
  CW: 'America/Curacao',
  DO: 'America/Santo_Domingo',
  EC: 'America/Guayaquil',
  ES: 'Europe/Madrid',
  GT: 'America/Guatemala',
  GY: 'America/Guyana',
  HN: 'America/Tegucigalpa',
  HT: 'America/Port-au-Prince',
  JM: 'America/Jamaica',
  MX: 'America/Mexico_City',
  NI: 'America/Managua',
  PA: 'America/Panama',
  PE: 'America/Lima',
  PR: 'America/Puerto_Rico',
  PT: 'Europe/Lisbon',
  PY: 'America/Asuncion',
  SR: 'America/Paramaribo',
  SV: 'America/El_Salvador',
  TT: 'America/Port_of_Spain',
  UY: 'America/Montevideo',
  VE: 'America/Caracas',
};

/** The zone of a country's capital, or undefined for a country outside the list. */
export function countryTimeZone(country: string): string | undefined {
  return COUNTRY_TIME_ZONES[country.toUpperCase()];
}

/**
 * The runtime's canonical name of an IANA zone (`asia/calcutta` → `Asia/Calcutta`), or null
 * for anything that is not one. Offsets such as `+05:00` are refused: they know no summer time.
 */
export function canonicalTimeZone(value: unknown): string | null {
  if (typeof value !== 'string' || value.length === 0 || value.length > 64) return null;
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(value)) return null;
  try {
    return new Intl.DateTimeFormat('en', { timeZone: value }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

function formatIn(
  value: string | Date | null | undefined,
  lang: Lang,
  options: Intl.DateTimeFormatOptions,
): string {
  const date = toDate(value);
  return date ? new Intl.DateTimeFormat(LOCALES[lang], options).format(date) : '';
}

/** The day of an instant in a zone, in the page's language ("12 de marzo de 2026"). */
export function formatDateIn(
  value: string | Date | null | undefined,
  lang: Lang,
  timeZone: string,
): string {
  return formatIn(value, lang, { dateStyle: 'long', timeZone });
}

/** Day and time of an instant in a zone, the zone's name said ("… 09:30 hora de Colombia"). */
export function formatDateTimeIn(
  value: string | Date | null | undefined,
  lang: Lang,
  timeZone: string,
): string {
  return formatIn(value, lang, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
    timeZoneName: 'long',
  });
}

/** A zone's name in the page's language, without its time ("hora de Venezuela"). */
export function timeZoneName(timeZone: string, lang: Lang, at: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat(LOCALES[lang], {
    timeZone,
    timeZoneName: 'longGeneric',
  }).formatToParts(at);
  return parts.find((part) => part.type === 'timeZoneName')?.value ?? timeZone;
}
