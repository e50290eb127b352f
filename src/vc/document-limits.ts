// Limits on a presented document, checked on the main thread before any JSON-LD work: JSON-LD
// expansion and canonicalisation recurse and grow with the document, so a small but deep or wide
// input must be refused before a worker ever sees it.

/** The limits a credential or presentation must keep. */
export interface DocumentLimits {
  /** Nesting of objects and arrays; the top level is depth 1. */
  maxDepth: number;
  /** Keys of one object. */
  maxKeys: number;
  /** Keys of all objects together. */
  maxTotalKeys: number;
  /** Items of one array. */
  maxArrayLength: number;
  /** Characters of one string (a key or a value). */
  maxStringLength: number;
  /** Characters of the whole document as JSON (estimated, without whitespace). */
  maxTotalSize: number;
}

/**
 * Generous for any real credential (ours nest 6 levels and weigh a few kilobytes; a presentation
 * holds a few credentials), small enough that the JSON-LD work on anything inside them is bounded.
 */
export const DEFAULT_DOCUMENT_LIMITS: Readonly<DocumentLimits> = Object.freeze({
  maxDepth: 32,
  maxKeys: 256,
  maxTotalKeys: 10_000,
  maxArrayLength: 1_000,
  maxStringLength: 65_536,
  maxTotalSize: 512 * 1024,
});

export type DocumentLimit = keyof DocumentLimits;

/** The first limit a document breaks, with where. */
export interface LimitViolation {
  limit: DocumentLimit;
  /** The JSON path where it was found (`$.credentialSubject.a.b`), shortened for deep paths. */
  path: string;
  message: string;
}

function pathText(path: readonly (string | number)[]): string {
  const shown = path.length > 8 ? [...path.slice(0, 4), '…', ...path.slice(-3)] : path;
  return `$${shown.map((part) => (typeof part === 'number' ? `[${part}]` : `.${part}`)).join('')}`;
}

/**
 * Walks a parsed JSON value without recursion and returns the first limit it breaks, or
 * `undefined` when it keeps them all. Costs at most one visit per value, and stops at the first
 * violation.
 */
export function findLimitViolation(
  value: unknown,
  limits: DocumentLimits = DEFAULT_DOCUMENT_LIMITS,
): LimitViolation | undefined {
  let size = 0;
  let totalKeys = 0;
  const stack: { value: unknown; depth: number; path: (string | number)[] }[] = [
    { value, depth: 1, path: [] },
  ];
  const violation = (limit: DocumentLimit, path: (string | number)[], message: string) => ({
    limit,
    path: pathText(path),
    message,
  });
  while (stack.length > 0) {
    const { value: node, depth, path } = stack.pop()!;
    if (typeof node === 'string') {
      if (node.length > limits.maxStringLength) {
        return violation(
          'maxStringLength',
          path,
          `a string of ${node.length} characters (at most ${limits.maxStringLength})`,
        );
      }
      size += node.length + 2;
    } else if (node === null || typeof node !== 'object') {
      size += String(node).length;
    } else {
      if (depth > limits.maxDepth) {
        return violation('maxDepth', path, `nested deeper than ${limits.maxDepth} levels`);
      }
      if (Array.isArray(node)) {
        if (node.length > limits.maxArrayLength) {
          return violation(
            'maxArrayLength',
            path,
            `an array of ${node.length} items (at most ${limits.maxArrayLength})`,
          );
        }
        size += 2 + node.length;
        node.forEach((item, i) =>
          stack.push({ value: item, depth: depth + 1, path: [...path, i] }),
        );
      } else {
        const keys = Object.keys(node);
        if (keys.length > limits.maxKeys) {
          return violation(
            'maxKeys',
            path,
            `an object with ${keys.length} keys (at most ${limits.maxKeys})`,
          );
        }
        totalKeys += keys.length;
        if (totalKeys > limits.maxTotalKeys) {
          return violation('maxTotalKeys', path, `more than ${limits.maxTotalKeys} keys in all`);
        }
        size += 2;
        for (const key of keys) {
          if (key.length > limits.maxStringLength) {
            return violation('maxStringLength', path, `a key of ${key.length} characters`);
          }
          size += key.length + 4;
          stack.push({
            value: (node as Record<string, unknown>)[key],
            depth: depth + 1,
            path: [...path, key],
          });
        }
      }
    }
    if (size > limits.maxTotalSize) {
      return violation('maxTotalSize', path, `larger than ${limits.maxTotalSize} characters`);
    }
  }
  return undefined;
}

/**
 * {@link findLimitViolation} for a document as presented: an object, JSON text, or a compact JWT
 * (its payload is walked). Text that is neither is left to the verifier to refuse.
 */
export function findPresentedLimitViolation(
  presented: unknown,
  limits: DocumentLimits = DEFAULT_DOCUMENT_LIMITS,
): LimitViolation | undefined {
  if (typeof presented !== 'string') return findLimitViolation(presented, limits);
  if (presented.length > limits.maxTotalSize) {
    return {
      limit: 'maxTotalSize',
      path: '$',
      message: `larger than ${limits.maxTotalSize} characters`,
    };
  }
  const text = presented.trim();
  let parsed: unknown;
  try {
    parsed = text.startsWith('{')
      ? JSON.parse(text)
      : JSON.parse(Buffer.from(text.split('.')[1] ?? '', 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  return findLimitViolation(parsed, limits);
}
