import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  aim,
  argDb,
  argNumber,
  benchSubject,
  cpuOf,
  cpuSince,
  heading,
  issuanceRequest,
  issuerApi,
  load,
  print,
  report,
  ROOT,
  runBatch,
  startOn,
  type LoadResult,
} from './bench-support.js';
import { createDocumentLoader } from '../vc/document-loader.js';
import { readOurContext } from '../vc/schemas.js';

/**
 * `npm run bench:issue [-- --n 2000 --concurrency 16 --db embedded|postgres]`: issues N credentials
 * through the batch endpoint (POST → job DONE) and N through single `POST /issuer/credentials` at
 * the given concurrency, against the built service on a fresh database, after a warm-up (20
 * single requests and a batch of 500 rows, or N if fewer); beside a plain one-thread loop of `vc.issue` from
 * @digitalbazaar/vc in this process, importing the key each time as a naive user would. The
 * plain loop signs half of its N before the service starts and half after it stopped, so that a
 * machine whose load drifts weighs on both sides alike. Prints credentials/s, p50/p99, CPU per
 * credential, the ratios to the plain loop and the aims of issue 18.
 */

const WARM_UP = 20;
const WARM_UP_BATCH = 500;

// The baseline: @digitalbazaar/vc on one thread, the key imported for every credential.
async function plainIssueLoop(count: number): Promise<{ seconds: number; cpuMs: number }> {
  const baseUrl = 'http://localhost:3000';
  const did = 'did:web:localhost%3A3000:issuers:co-ens';
  const keyPair = await Ed25519Multikey.generate({ controller: did, id: `${did}#key-1` });
  const exported = await keyPair.export({ publicKey: true, secretKey: true });
  const documentLoader = createDocumentLoader({
    ourContextUrl: `${baseUrl}/contexts/v1`,
    ourContext: readOurContext(join(ROOT, 'schemas')),
  });
  const credential = (i: number) => ({
    '@context': ['https://www.w3.org/ns/credentials/v2', `${baseUrl}/contexts/v1`],
    id: `urn:uuid:00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    type: ['VerifiableCredential', 'CompetencyCertificationCredential'],
    issuer: { id: did, name: 'Entidad Nacional de Saberes (ficticia)' },
    validFrom: '2022-05-10T00:00:00Z',
    credentialSubject: {
      name: { givenNames: `Persona ${i}`, familyNames: 'Demo Banco' },
      identityDocument: { type: 'PPT', country: 'CO', last4: String(i % 10_000).padStart(4, '0') },
      ...benchSubject(),
    },
    credentialSchema: {
      id: `${baseUrl}/schemas/CompetencyCertificationCredential.json`,
      type: 'JsonSchema',
    },
    credentialStatus: (['revocation', 'suspension'] as const).map((purpose, p) => ({
      id: `${baseUrl}/status-lists/${purpose}#${i * 2 + p}`,
      type: 'BitstringStatusListEntry',
      statusPurpose: purpose,
      statusListIndex: String(i * 2 + p),
      statusListCredential: `${baseUrl}/status-lists/${purpose}`,
    })),
  });
  const signOne = async (i: number) => {
    const key = await Ed25519Multikey.from({ ...exported, id: `${did}#key-1`, controller: did });
    const signer = { ...key.signer(), id: `${did}#key-1` };
    const suite = new DataIntegrityProof({ signer, cryptosuite: eddsaRdfc2022 });
    return vc.issue({ credential: credential(i), suite, documentLoader });
  };
  for (let i = 0; i < WARM_UP; i += 1) await signOne(i);
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  for (let i = 0; i < count; i += 1) await signOne(i);
  const cpu = process.cpuUsage(cpuBefore);
  return { seconds: (performance.now() - started) / 1000, cpuMs: (cpu.user + cpu.system) / 1000 };
}

async function main(): Promise<void> {
  const n = argNumber('n', 2000);
  const concurrency = argNumber('concurrency', 16);
  const db = argDb();
  if (n > 10_000) throw new TypeError('--n must be at most 10000 (the largest batch)');
  print(heading('bench:issue', `db ${db}, n=${n}, concurrency ${concurrency}`));

  const firstHalf = await plainIssueLoop(Math.ceil(n / 2));
  const service = await startOn(db);
  let batch: { seconds: number; acceptSeconds: number; cpu: { process: number; main: number } };
  let single: LoadResult & { cpu: { process: number; main: number } };
  try {
    // Warm up before timing: the JIT in every thread, the status lists, the database's caches.
    const singleRequest = (run: string) => (i: number) =>
      issuerApi<unknown>(service, '/issuer/credentials', issuanceRequest(run, i)).then(() => {});
    await load(WARM_UP, concurrency, singleRequest('warm'));
    await runBatch(service, 'warm-batch', Math.min(WARM_UP_BATCH, n));

    let cpuBefore = cpuOf(service.pid);
    const ran = await runBatch(service, 'batch', n);
    batch = { ...ran, cpu: cpuSince(service.pid, cpuBefore) };
    cpuBefore = cpuOf(service.pid);
    const singles = await load(n, concurrency, singleRequest('single'));
    single = { ...singles, cpu: cpuSince(service.pid, cpuBefore) };
  } finally {
    await service.stop();
  }
  const secondHalf = await plainIssueLoop(Math.floor(n / 2));

  const plainSeconds = firstHalf.seconds + secondHalf.seconds;
  const plain: LoadResult = {
    count: n,
    failed: 0,
    seconds: plainSeconds,
    perSecond: n / plainSeconds,
    p50: (plainSeconds * 1000) / n,
    p99: NaN,
  };
  const cpuText = (cpu: { process: number; main: number }) =>
    `CPU ${(cpu.process / n).toFixed(2)} ms per credential (main thread ${(cpu.main / n).toFixed(2)} ms)`;
  const batchRatio = plainSeconds / batch.seconds;
  const singleRatio = single.perSecond / plain.perSecond;
  print(
    `${'plain vc.issue loop (1 thread)'.padEnd(44)} ${plain.perSecond.toFixed(0).padStart(6)}/s  CPU ${((firstHalf.cpuMs + secondHalf.cpuMs) / n).toFixed(2)} ms per credential`,
  );
  print(
    `${'batch, POST → job DONE'.padEnd(44)} ${(n / batch.seconds).toFixed(0).padStart(6)}/s  ×${batchRatio.toFixed(2)} vs plain loop  ${aim(Number(batchRatio.toFixed(2)), '≥', 3, '×')}`,
  );
  print(`    accepted in ${batch.acceptSeconds.toFixed(2)} s; ${cpuText(batch.cpu)}`);
  print(
    `${report(`single POST /issuer/credentials, ${concurrency} conn.`, single, plain)}  ${aim(Number(singleRatio.toFixed(2)), '≥', db === 'postgres' ? 1 : 0.5, '×')}`,
  );
  print(
    `    ${cpuText(single.cpu)}${db === 'postgres' ? `; p99 ${aim(Number(single.p99.toFixed(1)), '<', 150, ' ms')}` : ''}`,
  );
}

await main();
