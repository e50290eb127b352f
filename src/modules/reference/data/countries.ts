import countries from 'i18n-iso-countries/index.js';
import { createRequire } from 'node:module';
import type { LocaleData } from 'i18n-iso-countries';
import { LANGS, type LocalizedText } from '../reference.types.js';

// The package's own entry registers all of its ~80 locales; only ours are needed.
const require = createRequire(import.meta.url);
for (const lang of LANGS) {
  countries.registerLocale(require(`i18n-iso-countries/langs/${lang}.json`) as LocaleData);
}

export interface CountryRow {
  code: string;
  name: LocalizedText;
}

/** Every ISO 3166-1 alpha-2 country the `i18n-iso-countries` package knows, named in our languages. */
export function countryRows(): CountryRow[] {
  return Object.keys(countries.getAlpha2Codes())
    .sort()
    .map((code) => {
      const name = Object.fromEntries(
        LANGS.map((lang) => [lang, countries.getName(code, lang) ?? code]),
      ) as LocalizedText;
      return { code, name };
    });
}
