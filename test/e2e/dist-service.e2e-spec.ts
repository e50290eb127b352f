import { CompactSign } from 'jose';
import { rmSync } from 'node:fs';
import request from 'supertest';
import {
  certificateAccreditationBody,
  certificateBody,
  certifyingBodyBody,
  numberedHolder,
} from '../helpers/bodies.js';
import { createThrowawayDatabase, type ThrowawayDatabase } from '../helpers/databases.js';
import { outsideVerifier } from '../helpers/outside-verifier.js';
import {
  buildDistIfStale,
  freePort,
  runService,
  waitForOk,
  type RunningService,
} from '../helpers/process.js';
import { tempDataDir, testSecrets } from '../helpers/test-app.js';
import { didKeyFromMultibase } from '../../src/vc/did.js';
import { issueJwt } from '../../src/vc/issue.js';
import { generateIssuerKey, importSigningKey } from '../../src/vc/keys.js';

// The one suite that runs the service as production does: compiled, signing and verifying in
// worker threads that apply the JSON-LD tuning. Under Jest the other suites run the sources
// inline, without either.
const TIMEOUT_MS = 300_000;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are read freely
type Json = Record<string, any>;

type Labels = Record<string, string>;
interface Sample {
  name: string;
  labels: Labels;
  value: number;
}

// The samples of a Prometheus text exposition.
function samples(text: string): Sample[] {
  const found: Sample[] = [];
  for (const line of text.split('\n')) {
    const match = /^(\w+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match) continue;
    const labels: Labels = {};
    for (const [, key, value] of (match[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)) {
      labels[key] = value;
    }
    found.push({ name: match[1], labels, value: Number(match[3]) });
  }
  return found;
}

describe('the compiled service, over HTTP', () => {
  const dataDir = tempDataDir();
  const secrets = testSecrets();
  let database: ThrowawayDatabase;
  let service: RunningService;
  let base: string;
  let apiKey: string;

  const call = async (
    method: string,
    path: string,
    body?: unknown,
    token = apiKey,
  ): Promise<{ status: number; body: Json }> => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${token}`,
        'Content-Type': 'application/json',
        Accept: 'application/json',
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Json };
  };
  const admin = (method: string, path: string, body?: unknown) =>
    call(method, path, body, secrets.ADMIN_TOKEN);
  const metric = async (name: string, labels: Labels): Promise<number> => {
    const text = await (await fetch(`${base}/metrics`)).text();
    const sample = samples(text).find(
      (s) =>
        s.name === name && Object.entries(labels).every(([key, value]) => s.labels[key] === value),
    );
    return sample?.value ?? 0;
  };

  beforeAll(async () => {
    buildDistIfStale();
    database = await createThrowawayDatabase();
    const port = await freePort();
    base = `http://localhost:${port}`;
    service = runService({
      ...secrets,
      DATA_DIR: dataDir,
      DATABASE_URL: database.url,
      PORT: String(port),
      PUBLIC_BASE_URL: base,
      LOG_LEVEL: 'warn',
      // The second test sends a burst of verifications from one address.
      PUBLIC_RATE_LIMIT_PER_MINUTE: '1000',
    });
    await waitForOk(`${base}/health/ready`, 90_000);

    // An issuer accredited for the factory's certificate, with an API key.
    const issuer = certifyingBodyBody('co-ens', 'Entidad Nacional de Saberes (ficticia)');
    expect((await admin('POST', '/admin/issuers', issuer)).status).toBe(201);
    const accreditation = certificateAccreditationBody();
    expect(
      (await admin('POST', '/admin/issuers/co-ens/accreditations', accreditation)).status,
    ).toBe(201);
    apiKey = (await admin('POST', '/admin/issuers/co-ens/api-keys')).body.apiKey as string;
  }, TIMEOUT_MS);

  afterAll(async () => {
    if (service && service.child.exitCode === null) {
      service.child.kill('SIGTERM');
      await service.exited;
    }
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it(
    'issues, verifies, runs a batch and revokes, signing and verifying in tuned worker threads',
    async () => {
      const threads = {
        signing: await metric('vc_pool_threads', { pool: 'signing', mode: 'threads' }),
        verification: await metric('vc_pool_threads', { pool: 'verification', mode: 'threads' }),
      };
      expect(threads.signing).toBeGreaterThan(0);
      expect(threads.verification).toBeGreaterThan(0);
      const signed = () => metric('vc_pool_tasks_total', { pool: 'signing', mode: 'threads' });
      const verified = () =>
        metric('vc_pool_tasks_total', { pool: 'verification', mode: 'threads' });
      const before = { signed: await signed(), verified: await verified() };

      // One credential: issued, verified as presented and by its link.
      const issued = await call('POST', '/issuer/credentials', certificateBody());
      expect(issued.status).toBe(201);
      const { id, verifiableCredential, verifyUrl } = issued.body;
      const token = String(verifyUrl).split('/v/')[1];
      const presented = await call('POST', '/verifications', { verifiableCredential });
      expect(presented.body).toMatchObject({ verified: true, status: 'VALID' });
      const byLink = await call('GET', `/v/${token}`);
      expect(byLink).toMatchObject({ status: 200, body: { status: 'VALID' } });
      // Signed in a tuned worker, it verifies with a verifier that shares none of our code.
      const outside = outsideVerifier({ http: request(base), config: { publicBaseUrl: base } });
      expect((await outside.verify(verifiableCredential)).verified).toBe(true);

      // A batch of a few rows, issued in the background.
      const rows = [1, 2, 3].map((i) =>
        certificateBody({ holder: numberedHolder(i, 'DIST', 'Demo Compilado') }),
      );
      const accepted = await call('POST', '/issuer/credentials/batch', rows);
      expect(accepted.status).toBe(202);
      let job: Json = {};
      for (let polls = 0; polls < 600 && !['DONE', 'FAILED'].includes(job.status); polls++) {
        if (polls > 0) await new Promise((done) => setTimeout(done, 50));
        job = (await call('GET', `/issuer/jobs/${accepted.body.jobId}`)).body;
      }
      expect(job).toMatchObject({ status: 'DONE', total: 3, done: 3, failed: 0 });

      // Revoked: both ways of verifying say so.
      const revoked = await call('POST', `/issuer/credentials/${id}/revoke`, { reason: 'test' });
      expect(revoked.status).toBe(200);
      const after = await call('POST', '/verifications', { verifiableCredential });
      expect(after.body).toMatchObject({ verified: false, status: 'REVOKED' });
      expect((await call('GET', `/v/${token}`)).body.status).toBe('REVOKED');

      // All of it ran in the worker threads (started as needed, within the pools' size), and
      // every live worker applied the JSON-LD tuning.
      expect((await signed()) - before.signed).toBeGreaterThanOrEqual(4);
      expect((await verified()) - before.verified).toBeGreaterThanOrEqual(2);
      expect(await metric('vc_pool_tasks_total', { mode: 'inline' })).toBe(0);
      for (const pool of ['signing', 'verification'] as const) {
        const live = await metric('vc_pool_live_threads', { pool });
        expect(live).toBeGreaterThan(0);
        expect(live).toBeLessThanOrEqual(threads[pool]);
        expect(await metric('vc_pool_tuned_threads', { pool })).toBe(live);
      }
    },
    TIMEOUT_MS,
  );

  it(
    'answers deep documents at once, off the workers, while verifying others in them',
    async () => {
      let subject: Json = { leaf: 'x' };
      for (let i = 0; i < 2_000; i += 1) subject = { a: subject };
      const deep = {
        '@context': ['https://www.w3.org/ns/credentials/v2'],
        type: ['VerifiableCredential'],
        issuer: 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK',
        credentialSubject: subject,
        proof: { type: 'DataIntegrityProof', proofValue: 'z1' },
      };
      const issued = await call('POST', '/issuer/credentials', certificateBody());
      const started = Date.now();
      const [answers, normal, registry] = await Promise.all([
        Promise.all(
          Array.from({ length: 50 }, (_, i) =>
            call('POST', i % 2 ? '/verifications' : '/credentials/verify', {
              // As JSON text it passes the body parser's depth limit; the document limits apply.
              verifiableCredential: JSON.stringify(deep),
            }),
          ),
        ),
        call('POST', '/credentials/verify', {
          verifiableCredential: issued.body.verifiableCredential,
        }),
        call('POST', '/verifications', { verifiableCredential: issued.body.verifiableCredential }),
      ]);
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(answers.map((a) => [a.status, a.body.code])).toEqual(
        answers.map(() => [400, 'DOCUMENT_LIMIT_EXCEEDED']),
      );
      expect(normal.body).toMatchObject({ verified: true });
      expect(registry.body).toMatchObject({ verified: true, status: 'VALID' });
    },
    TIMEOUT_MS,
  );

  it(
    'verifies a vp+jwt with an enveloped VC-JWT in its worker threads, once',
    async () => {
      const party = async () => {
        const key = await generateIssuerKey();
        const did = didKeyFromMultibase(key.publicKeyMultibase);
        return {
          did,
          signer: { ...key, verificationMethodId: `${did}#${key.publicKeyMultibase}` },
        };
      };
      const [issuer, holder] = [await party(), await party()];
      const V2 = 'https://www.w3.org/ns/credentials/v2';
      const credential = await issueJwt({
        credential: {
          '@context': [V2],
          type: ['VerifiableCredential'],
          issuer: issuer.did,
          validFrom: '2024-01-01T00:00:00Z',
          credentialSubject: { id: holder.did, name: 'Ana' },
        },
        signer: issuer.signer,
      });
      const challenge = (await call('POST', '/challenges')).body.challenge as string;
      const payload = {
        '@context': [V2],
        type: ['VerifiablePresentation'],
        holder: holder.did,
        verifiableCredential: [
          {
            '@context': [V2],
            type: 'EnvelopedVerifiableCredential',
            id: `data:application/vc+jwt,${credential}`,
          },
        ],
        nonce: challenge,
      };
      const jwt = await new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
        .setProtectedHeader({
          alg: 'EdDSA',
          typ: 'vp+jwt',
          kid: holder.signer.verificationMethodId,
        })
        .sign((await importSigningKey(holder.signer)).privateKey);
      const verified = () =>
        metric('vc_pool_tasks_total', { pool: 'verification', mode: 'threads' });
      const before = await verified();
      const first = await call('POST', '/presentations/verify', {
        verifiablePresentation: jwt,
        options: { challenge },
      });
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({
        verified: true,
        results: { credentials: [{ verified: true }] },
      });
      expect(await verified()).toBeGreaterThanOrEqual(before + 2);
      const replay = await call('POST', '/presentations/verify', { verifiablePresentation: jwt });
      expect(replay.body.verified).toBe(false);
    },
    TIMEOUT_MS,
  );
});
