import type { Lang } from '../../common/i18n/i18n.js';

// Portuguese names most countries with an article, which "em" contracts with: "no Peru", "na
// Colômbia", "nos Estados Unidos"; a few take none ("em Portugal", "em Cuba", "em Honduras").
// Those the region asks about most are listed; any other gets plain "em".
const PT_ARTICLES: Record<string, 'm' | 'f' | 'mp' | 'fp'> = {
  BR: 'm',
  CA: 'm',
  CL: 'm',
  EC: 'm',
  GB: 'm',
  HT: 'm',
  JP: 'm',
  MX: 'm',
  PA: 'm',
  PE: 'm',
  PY: 'm',
  SR: 'm',
  UY: 'm',
  AR: 'f',
  BO: 'f',
  CN: 'f',
  CO: 'f',
  CR: 'f',
  DE: 'f',
  DO: 'f',
  ES: 'f',
  FR: 'f',
  GT: 'f',
  GY: 'f',
  IN: 'f',
  IT: 'f',
  NI: 'f',
  VE: 'f',
  NL: 'mp',
  US: 'mp',
  BS: 'fp',
};

// English says "in the United States", "in the Dominican Republic".
const EN_THE = new Set(['AE', 'BS', 'DO', 'GB', 'NL', 'PH', 'US']);

/** The `article` an ICU `select` in a "in <country>" message chooses by; `other` for none. */
export function countryArticle(lang: Lang, code: string | null | undefined): string {
  if (!code) return 'other';
  if (lang === 'pt') return PT_ARTICLES[code] ?? 'other';
  if (lang === 'en') return EN_THE.has(code) ? 'the' : 'other';
  return 'other';
}

/** Latin America and the Caribbean, listed first in a country select: who asks most. */
export const NEAR_COUNTRIES = [
  'AR',
  'BO',
  'BR',
  'CL',
  'CO',
  'CR',
  'CU',
  'DO',
  'EC',
  'GT',
  'HN',
  'HT',
  'MX',
  'NI',
  'PA',
  'PE',
  'PY',
  'SV',
  'UY',
  'VE',
];
