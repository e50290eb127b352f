import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import * as bitstringStatusList from '@digitalbazaar/vc-bitstring-status-list';
import {
  aim,
  argDb,
  argNumber,
  checkLink,
  cpuOf,
  cpuSince,
  heading,
  issueBenchCredential,
  load,
  print,
  report,
  startOn,
  timeLoop,
  verifyOnce,
} from './bench-support.js';

/**
 * `npm run bench:verify [-- --n 2000 --db embedded|postgres]`: GET /v/<token> (JSON) and POST
 * /credentials/verify at concurrency 16 against the built service (on a fresh embedded database,
 * or a fresh database on the BENCH_POSTGRES_URL server), beside a plain one-thread
 * `vc.verifyCredential` loop in this process (the same credential, its documents fetched once).
 * Prints req/s, p50/p99, the service's CPU per verification, the ratios and the aim of issue 18.
 */
async function main(): Promise<void> {
  const n = argNumber('n', 2000);
  const concurrency = 16;
  const db = argDb();
  print(heading('bench:verify', `db ${db}, n=${n}, concurrency ${concurrency}`));
  const service = await startOn(db);
  try {
    const { verifiableCredential, verifyUrl } = await issueBenchCredential(service);

    // The plain baseline: what a verifier with @digitalbazaar/vc alone does, documents fetched once.
    const published = new Map<string, Record<string, unknown>>();
    const fetchJson = async (path: string) =>
      (await (await fetch(`${service.base}${path}`)).json()) as Record<string, unknown>;
    const contextUrl = (verifiableCredential['@context'] as string[])[1];
    published.set(contextUrl, await fetchJson('/contexts/v1'));
    const did = (verifiableCredential.issuer as { id: string }).id;
    published.set(did, await fetchJson(`/issuers/${did.split(':').at(-1)}/did.json`));
    for (const entry of verifiableCredential.credentialStatus as {
      statusListCredential: string;
    }[]) {
      published.set(
        entry.statusListCredential,
        await fetchJson(new URL(entry.statusListCredential).pathname),
      );
    }
    const documentLoader = async (url: string) => {
      const [base, fragment] = url.split('#');
      const document = published.get(base);
      if (!document) return vc.defaultDocumentLoader(url);
      if (!fragment) return { contextUrl: null, documentUrl: url, document };
      const method = (document.verificationMethod as { id: string }[]).find((m) => m.id === url);
      return {
        contextUrl: null,
        documentUrl: url,
        document: { '@context': document['@context'], ...method },
      };
    };
    const suite = () => new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 });
    const plain = await timeLoop(Math.min(n, 500), async () => {
      const result = await vc.verifyCredential({
        credential: verifiableCredential,
        suite: suite(),
        documentLoader,
        checkStatus: ({ credential }: { credential: object }) =>
          bitstringStatusList.checkStatus({
            credential,
            documentLoader,
            suite: suite(),
            verifyBitstringStatusListCredential: true,
            verifyMatchingIssuers: true,
          }),
      });
      if (!result.verified) throw new Error('plain verification failed');
    });

    // Warm-up: the JIT in every worker, the verifier's caches.
    await load(Math.min(n, 100), concurrency, () => verifyOnce(service, verifiableCredential));
    const page = await load(n, concurrency, () =>
      checkLink(service, verifyUrl, '?country=PE&purpose=EMPLOYMENT'),
    );
    const cpuBefore = cpuOf(service.pid);
    const api = await load(n, concurrency, () => verifyOnce(service, verifiableCredential));
    const cpu = cpuSince(service.pid, cpuBefore);
    const ratio = api.perSecond / plain.perSecond;

    print(report('plain vc.verifyCredential loop (1 thread)', plain));
    print(report('GET /v/<token> (JSON, with recognition)', page, plain));
    print(
      `${report('POST /credentials/verify', api, plain)}  ${aim(Number(ratio.toFixed(2)), '≥', 1.6, '×')}`,
    );
    print(
      `    CPU ${(cpu.process / n).toFixed(2)} ms per verification (main thread ${(cpu.main / n).toFixed(2)} ms)`,
    );
  } finally {
    await service.stop();
  }
}

await main();
