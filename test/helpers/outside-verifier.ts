import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { driver as didKeyDriver } from '@digitalbazaar/did-method-key';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import * as bitstringStatusList from '@digitalbazaar/vc-bitstring-status-list';
import { importJWK, jwtVerify } from 'jose';
import type { TestApp } from './test-app.js';

// did:key DIDs resolve offline, as any verifier resolves them.
const didKeys = didKeyDriver();
didKeys.use({ multibaseMultikeyHeader: 'z6Mk', fromMultibase: Ed25519Multikey.from });

/**
 * A verifier that knows nothing of our code: @digitalbazaar/vc with its bundled VC contexts,
 * did:key resolved offline, and whatever our service publishes over HTTP (context, DID documents,
 * status lists).
 */
export function outsideVerifier(t: Pick<TestApp, 'http'> & { config: { publicBaseUrl: string } }) {
  const base = t.config.publicBaseUrl;
  async function fetchPublished(url: string): Promise<Record<string, unknown> | undefined> {
    let path: string | undefined;
    if (url.startsWith(`${base}/`)) path = url.slice(base.length);
    const didWeb = /^did:web:[^:]+:issuers:([a-z0-9-]+)$/.exec(url);
    if (didWeb) path = `/issuers/${didWeb[1]}/did.json`;
    // The registry's own DID, which signs the audit checkpoints.
    if (/^did:web:[^:]+:registry$/.test(url)) path = '/registry/did.json';
    if (!path) return undefined;
    const res = await t.http.get(path);
    if (res.status !== 200) throw new Error(`${url}: HTTP ${res.status}`);
    return JSON.parse(res.text) as Record<string, unknown>;
  }

  async function documentLoader(url: string) {
    if (url.startsWith('did:key:')) {
      return { contextUrl: null, documentUrl: url, document: await didKeys.get({ url }) };
    }
    const [documentUrl, fragment] = url.split('#') as [string, string | undefined];
    const document = await fetchPublished(documentUrl);
    if (!document) return vc.defaultDocumentLoader(url);
    if (fragment === undefined) return { contextUrl: null, documentUrl: url, document };
    const method = (document.verificationMethod as { id: string }[]).find((m) => m.id === url);
    if (!method) throw new Error(`${url} is not in the DID document`);
    return {
      contextUrl: null,
      documentUrl: url,
      document: { '@context': document['@context'], ...method },
    };
  }

  const suite = () => new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 });

  return {
    documentLoader,
    async verify(credential: object) {
      return vc.verifyCredential({
        credential: structuredClone(credential),
        suite: suite(),
        documentLoader,
        checkStatus: ({ credential: c }: { credential: object }) =>
          bitstringStatusList.checkStatus({
            credential: c,
            documentLoader,
            suite: suite(),
            verifyBitstringStatusListCredential: true,
            verifyMatchingIssuers: true,
          }),
      });
    },
    /** The status bits of a credential, as the published lists say: [revoked, suspended]. */
    async statusBits(credential: {
      credentialStatus: { statusListCredential: string; statusListIndex: string }[];
    }) {
      const bits: boolean[] = [];
      for (const entry of credential.credentialStatus) {
        const list = (await fetchPublished(entry.statusListCredential)) as {
          credentialSubject: { encodedList: string };
        };
        const decoded = await bitstringStatusList.decodeList({
          encodedList: list.credentialSubject.encodedList,
        });
        bits.push(decoded.getStatus(Number(entry.statusListIndex)));
      }
      return bits;
    },
    async verifyJwt(jwt: string) {
      return jwtVerify(
        jwt,
        async (header) => {
          const kid = String(header.kid);
          const document = await fetchPublished(kid.split('#')[0]);
          const method = (
            document?.verificationMethod as { id: string; publicKeyMultibase: string }[]
          ).find((m) => m.id === kid);
          if (!method) throw new Error(`${kid} not published`);
          const keyPair = await Ed25519Multikey.from({
            publicKeyMultibase: method.publicKeyMultibase,
          });
          return importJWK(await Ed25519Multikey.toJwk({ keyPair }), 'EdDSA');
        },
        { typ: 'vc+jwt' },
      );
    },
  };
}
