import { createFixtureIssuer, type FixtureIssuer } from './fixtures.js';
import { createSigningPool, SigningPoolError } from './signing-pool.js';
import { verifyCredential } from './verify.js';

// The threaded path needs the compiled worker: see test/e2e/batch-process.e2e-spec.ts.
let issuer: FixtureIssuer;

beforeAll(async () => {
  issuer = await createFixtureIssuer();
});

const poolOptions = () => ({ ourContextUrl: issuer.contextUrl, ourContext: issuer.ourContext });

describe('createSigningPool', () => {
  it('signs inline under Jest, where there is no compiled worker beside the sources', async () => {
    const pool = createSigningPool(poolOptions());
    expect({ mode: pool.mode, size: pool.size }).toEqual({ mode: 'inline', size: 0 });
    const signed = await pool.signDataIntegrity(issuer.credential(7), issuer.signer);
    const result = await verifyCredential({
      credential: signed,
      documentLoader: issuer.documentLoader,
    });
    expect(result.verified).toBe(true);
    expect(await pool.signJwt(issuer.credential(8), issuer.signer)).toMatch(
      /^[\w-]+\.[\w-]+\.[\w-]+$/,
    );
    await pool.close();
    await expect(pool.signJwt(issuer.credential(9), issuer.signer)).rejects.toBeInstanceOf(
      SigningPoolError,
    );
  });

  it('reports misuse as a TypeError, as issueDataIntegrity does', async () => {
    const pool = createSigningPool(poolOptions());
    const other = { ...issuer.signer, verificationMethodId: 'did:web:elsewhere#key-1' };
    await expect(pool.signDataIntegrity(issuer.credential(1), other)).rejects.toBeInstanceOf(
      TypeError,
    );
    await pool.close();
  });

  it('refuses threads without a worker script, a bad size or no context', () => {
    expect(() =>
      createSigningPool({
        ...poolOptions(),
        mode: 'threads',
        workerUrl: new URL('file:///nowhere/signing-worker.js'),
      }),
    ).toThrow(TypeError);
    expect(
      () =>
        createSigningPool({
          ...poolOptions(),
          mode: 'auto',
          workerUrl: new URL('file:///nowhere/signing-worker.js'),
        }).mode,
    ).not.toThrow();
    expect(() => createSigningPool({ ourContextUrl: '', ourContext: {} })).toThrow(TypeError);
  });
});
