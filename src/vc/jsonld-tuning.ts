import jsonldUtil from 'jsonld/lib/util.js';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

// The jsonld.js major version whose internals shareJsonLdTermDefinitions() was checked against.
const CHECKED_MAJOR = '9.';

let applied = false;

/**
 * Makes jsonld.js share term definitions between active contexts instead of deep-copying them.
 *
 * jsonld.js clones the whole active context — every term definition, with the full scoped
 * contexts of VC 2.0's types — each time it enters a type-scoped context (the credential, its
 * proof, each status entry, the schema); that copying and the GC it causes are most of the time
 * of a signature or a verification. In jsonld.js 9 the only Map it clones is the active
 * context's term-definition map, and a term definition is never changed once it is in the map
 * (redefining a term puts a new object in the clone's own map), so a shallow copy of the map is
 * enough. The canonical N-Quads, and therefore every signature, are unchanged (see the spec).
 *
 * Process-wide and opt-in: call it once at start-up (main thread and each worker). Does nothing
 * and returns false for a jsonld.js version other than 9.x.
 */
export function shareJsonLdTermDefinitions(): boolean {
  if (applied) return true;
  const require = createRequire(import.meta.url);
  const { version } = JSON.parse(readFileSync(require.resolve('jsonld/package.json'), 'utf8')) as {
    version: string;
  };
  if (!version.startsWith(CHECKED_MAJOR)) return false;
  const deepClone = jsonldUtil.clone.bind(jsonldUtil);
  jsonldUtil.clone = (value: unknown) => (value instanceof Map ? new Map(value) : deepClone(value));
  applied = true;
  return true;
}
