import type { Lang } from '../../common/i18n/i18n.js';

/**
 * A dictionary in the three languages. The Spanish one names the keys; the compiler refuses a
 * Portuguese or English dictionary that misses one or adds another.
 */
export function defineMessages<K extends string>(
  messages: { es: Record<K, string> } & Record<Exclude<Lang, 'es'>, Record<K, string>>,
): Record<Lang, Record<K, string>> {
  return messages;
}

/** `{name}` placeholders filled in; a missing value leaves the placeholder visible. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}
