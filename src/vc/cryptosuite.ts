import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { Ed25519Signature2020 } from '@digitalbazaar/ed25519-signature-2020';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';

type Canonize = (input: object, options: Record<string, unknown>) => Promise<string>;
type Loader = (url: string) => Promise<{ document?: unknown }>;

const CACHE_LIMIT = 1000;
const cache = new Map<string, Promise<string>>();
const documentIds = new WeakMap<object, number>();
let lastDocumentId = 0;

// Proof options ({@context, type, created, verificationMethod, cryptosuite, proofPurpose}) repeat
// between signatures of a batch (same key, same second) and between verifications of the same
// credential. Their canonical form depends only on that JSON and on the contexts it names.
function isProofOptions(input: object): input is { '@context'?: unknown } {
  return 'proofPurpose' in input && 'cryptosuite' in input && !('credentialSubject' in input);
}

// Identifies the context documents the loader answers for the URLs named, by object identity:
// jsonld-signatures wraps the loader anew on every call, so the loader itself cannot be the key,
// and a loader that answers a URL with another document gets another key.
async function contextsKey(context: unknown, loader: Loader): Promise<string> {
  const urls = (Array.isArray(context) ? context : [context]).filter((c) => typeof c === 'string');
  const ids = await Promise.all(
    urls.map(async (url) => {
      const { document } = await loader(url);
      if (typeof document !== 'object' || document === null)
        throw new TypeError(`No context ${url}`);
      let id = documentIds.get(document);
      if (id === undefined) documentIds.set(document, (id = ++lastDocumentId));
      return id;
    }),
  );
  return ids.join(',');
}

function cachedCanonize(canonize: Canonize): Canonize {
  return async (input, options) => {
    const loader = options.documentLoader as Loader | undefined;
    if (typeof loader !== 'function' || !isProofOptions(input)) return canonize(input, options);
    let contexts: string;
    try {
      contexts = await contextsKey(input['@context'], loader);
    } catch {
      // Let the canonicalization report the missing context.
      return canonize(input, options);
    }
    const key = JSON.stringify([
      contexts,
      input,
      options.safe,
      options.base,
      options.skipExpansion,
    ]);
    const cached = cache.get(key);
    if (cached) return cached;
    const result = canonize(input, options);
    result.catch(() => cache.delete(key));
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
    cache.set(key, result);
    return result;
  };
}

/**
 * The `eddsa-rdfc-2022` cryptosuite of `@digitalbazaar/eddsa-rdfc-2022-cryptosuite`, unchanged
 * except that the canonical form of proof options is cached (keyed by their JSON and by the
 * identity of the context documents the loader answers).
 */
export const eddsaRdfc2022Cryptosuite = {
  ...eddsaRdfc2022,
  canonize: cachedCanonize((input, options) => eddsaRdfc2022.canonize(input, options)),
};

/**
 * The proof suites a verification accepts: DataIntegrityProof with `eddsa-rdfc-2022`, and
 * Ed25519Signature2020 for credentials from older issuers.
 */
export function verificationSuites(): object[] {
  return [
    new DataIntegrityProof({ cryptosuite: eddsaRdfc2022Cryptosuite }),
    new Ed25519Signature2020(),
  ];
}
