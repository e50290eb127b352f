import { IntlMessageFormat } from 'intl-messageformat';
import { LOCALES, type Lang } from './i18n.js';

// Parsed messages per language; a page formats the same few templates over and over.
const compiled = new Map<string, IntlMessageFormat>();

/**
 * An ICU MessageFormat template filled in for `lang`: plurals, `select` (articles, genders) and
 * dates follow the language's rules. Dates are formatted in UTC, as every date on our pages is.
 *
 * @throws TypeError (from the parser) for a template that is not valid ICU syntax.
 */
export function formatMessage(
  lang: Lang,
  template: string,
  values: Record<string, string | number | Date>,
): string {
  const key = `${lang}\u0000${template}`;
  let format = compiled.get(key);
  if (!format) {
    format = new IntlMessageFormat(template, LOCALES[lang], {
      date: { long: { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' } },
    });
    compiled.set(key, format);
  }
  return String(format.format(values));
}
