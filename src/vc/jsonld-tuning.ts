import jsonldContext from 'jsonld/lib/context.js';
import ResolvedContext from 'jsonld/lib/ResolvedContext.js';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * The one jsonld.js version whose internals shareJsonLdTermDefinitions() was checked against;
 * package.json pins jsonld to exactly this version. Any other, a patch release included, may have
 * changed what the tuning relies on: it is refused until checked again with the specs.
 */
export const CHECKED_JSONLD_VERSION = '9.0.0';
// The processing modes jsonld.js keys its initial contexts by: none given (the default), or one.
const PROCESSING_MODES = [undefined, 'json-ld-1.0', 'json-ld-1.1'];

interface ActiveContext {
  mappings: Map<string, unknown>;
  protected: Record<string, true>;
  previousContext?: ActiveContext;
  inverse: unknown;
  // Function-valued properties that every child copies from its parent, not methods.
  clone: (this: ActiveContext) => ActiveContext;
  revertToPreviousContext: (this: ActiveContext) => ActiveContext;
  getInverse: unknown;
  [key: string]: unknown;
}

// The context each clone was made from.
const parents = new WeakMap<ActiveContext, ActiveContext>();
// Per active context, the first child made to enter a type-scoped context from it.
const typeScopedEntries = new WeakMap<ActiveContext, ActiveContext>();

// A child of an active context, as jsonld.js's own clone makes it, but sharing what is never
// changed once made: the term definitions (the map is copied, not each definition) and the
// previous context (kept by reference instead of copied with its whole chain).
function cloneActiveContext(this: ActiveContext): ActiveContext {
  // Its values are all `true`: a shallow copy is a full one. A for-in copy, because it has many
  // keys: spreading an object in dictionary mode is several times slower.
  const protectedTerms: Record<string, true> = {};
  for (const term in this.protected) protectedTerms[term] = true;
  const child: ActiveContext = {
    mappings: new Map(this.mappings),
    clone: this.clone,
    inverse: null,
    getInverse: this.getInverse,
    protected: protectedTerms,
    revertToPreviousContext: this.revertToPreviousContext,
  };
  if (this.previousContext) child.previousContext = this.previousContext;
  for (const key of ['@base', '@language', '@vocab'] as const) {
    if (key in this) child[key] = this[key];
  }
  parents.set(child, this);
  return child;
}

// Before a type-scoped context, jsonld.js's context processing clones the active context and
// sets the original as the clone's previous context, then looks the processed scoped context up
// in its cache keyed by that fresh clone: a key never seen again, so every credential processed
// its types' scoped contexts anew. Such a child (its previous context is the very context it
// was cloned from, which nothing else sets, and it is cloned again before any change) is alike
// for one parent: the cache is keyed by the first one instead.
function processedCacheKey(activeCtx: ActiveContext): ActiveContext {
  const previous = activeCtx.previousContext;
  if (previous === undefined || parents.get(activeCtx) !== previous) return activeCtx;
  const first = typeScopedEntries.get(previous);
  if (first) return first;
  typeScopedEntries.set(previous, activeCtx);
  return activeCtx;
}

// The previous context itself rather than a copy of it: jsonld.js never changes a context once
// processed (it clones one before defining terms in it), and reusing the same object lets its
// cache of processed scoped contexts, keyed by the active context, answer again.
function revertToPreviousContext(this: ActiveContext): ActiveContext {
  return this.previousContext ?? this;
}

let applied = false;

/** The version of the jsonld package that `import 'jsonld'` loads. */
export function installedJsonLdVersion(): string {
  const require = createRequire(import.meta.url);
  const { version } = JSON.parse(readFileSync(require.resolve('jsonld/package.json'), 'utf8')) as {
    version: string;
  };
  return version;
}

/**
 * Makes jsonld.js share what its active contexts never change instead of deep-copying it.
 *
 * jsonld.js clones the whole active context — every term definition, the protected terms, and
 * the chain of previous contexts, with the full scoped contexts of VC 2.0's types — each time it
 * enters or leaves a type-scoped context (the credential, its proof, each status entry, the
 * schema); that copying and the GC it causes were most of the time of a signature or a
 * verification. In jsonld.js 9 an active context is never changed once processed — context
 * processing clones before it defines terms, and processed contexts are cached and shared as they
 * are — and a term definition is never changed once in a map (redefining a term puts a new object
 * in the clone's own map). So term definitions and previous contexts can be shared, and leaving
 * a scoped context can return the previous context itself; and the processed form of a
 * type-scoped context is looked up under a key that the next credential finds again. The
 * canonical N-Quads, and therefore every signature, are unchanged (see the specs).
 *
 * Process-wide and opt-in: call it once at start-up (main thread and each worker), before any
 * JSON-LD is processed: contexts processed earlier stay cached with jsonld.js's own cloning. Patches
 * nothing and returns false unless jsonld.js is exactly CHECKED_JSONLD_VERSION; `jsonldVersion`
 * stands for the installed version (read from jsonld's package.json) in tests.
 */
export function shareJsonLdTermDefinitions(options: { jsonldVersion?: string } = {}): boolean {
  const version = options.jsonldVersion ?? installedJsonLdVersion();
  if (version !== CHECKED_JSONLD_VERSION) return false;
  if (applied) return true;
  // jsonld.js caches one initial context per processing mode and derives every active context
  // from it, each child taking its parent's clone and revert functions.
  for (const processingMode of PROCESSING_MODES) {
    const initial = jsonldContext.getInitialContext({ processingMode }) as ActiveContext;
    initial.clone = cloneActiveContext;
    initial.revertToPreviousContext = revertToPreviousContext;
  }
  const { getProcessed, setProcessed } = ResolvedContext.prototype;
  ResolvedContext.prototype.getProcessed = function (this: ResolvedContext, activeCtx: object) {
    return getProcessed.call(this, processedCacheKey(activeCtx as ActiveContext));
  };
  ResolvedContext.prototype.setProcessed = function (
    this: ResolvedContext,
    activeCtx: object,
    processed: unknown,
  ) {
    setProcessed.call(this, processedCacheKey(activeCtx as ActiveContext), processed);
  };
  applied = true;
  return true;
}
