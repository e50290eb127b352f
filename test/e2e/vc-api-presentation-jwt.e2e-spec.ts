import { CompactSign } from 'jose';
import { didKeyFromMultibase } from '../../src/vc/did.js';
import { issueJwt } from '../../src/vc/issue.js';
import { generateIssuerKey, importSigningKey, type SignerKey } from '../../src/vc/keys.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are read freely
type Json = Record<string, any>;

const V2 = 'https://www.w3.org/ns/credentials/v2';

/** A did:key party (issuer or holder) with its Ed25519 key. */
async function party(): Promise<{ did: string; signer: SignerKey }> {
  const key = await generateIssuerKey();
  const did = didKeyFromMultibase(key.publicKeyMultibase);
  return { did, signer: { ...key, verificationMethodId: `${did}#${key.publicKeyMultibase}` } };
}

async function signJwt(signer: SignerKey, payload: object, typ = 'vp+jwt'): Promise<string> {
  const { privateKey } = await importSigningKey(signer);
  return new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
    .setProtectedHeader({ alg: 'EdDSA', typ, kid: signer.verificationMethodId })
    .sign(privateKey);
}

const envelopedCredential = (jwt: string) => ({
  '@context': [V2],
  type: 'EnvelopedVerifiableCredential',
  id: `data:application/vc+jwt,${jwt}`,
});

/** VC-JOSE-COSE presentations: `vp+jwt`, challenge in `nonce`, domain in `aud` (decision 0005). */
describe('POST /presentations/verify — VC-JOSE presentations (vp+jwt)', () => {
  let t: TestApp;
  let issuer: { did: string; signer: SignerKey };
  let holder: { did: string; signer: SignerKey };
  let credentialJwt: string;

  beforeAll(async () => {
    t = await startTestApp({ SEED_DEMO: 'false' });
    issuer = await party();
    holder = await party();
    credentialJwt = await issueJwt({
      credential: {
        '@context': [V2],
        type: ['VerifiableCredential'],
        issuer: issuer.did,
        validFrom: '2024-01-01T00:00:00Z',
        credentialSubject: { id: holder.did, name: 'Ana' },
      },
      signer: issuer.signer,
    });
  });
  afterAll(() => t.close());

  const challenge = async () => (await t.http.post('/challenges').send()).body.challenge as string;
  const presentation = (
    claims: Json = {},
    credentials: unknown[] = [envelopedCredential(credentialJwt)],
  ) => ({
    '@context': [V2],
    type: ['VerifiablePresentation'],
    holder: holder.did,
    verifiableCredential: credentials,
    ...claims,
  });
  const verify = (verifiablePresentation: unknown, options: Json = {}) =>
    t.http.post('/presentations/verify').send({ verifiablePresentation, options });
  const codes = (body: Json) => body.problemDetails.map((p: Json) => p.code);

  it('verifies a holder’s vp+jwt with its enveloped VC-JWT, challenge as nonce and domain as aud', async () => {
    const c = await challenge();
    const jwt = await signJwt(holder.signer, presentation({ nonce: c, aud: 'empleos.example' }));
    const res = await verify(jwt, { challenge: c, domain: 'empleos.example' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      verified: true,
      results: {
        presentation: {
          proof: [{ verified: true, input: { protectedHeader: { typ: 'vp+jwt' } } }],
          challenge: { verified: true, input: c },
          domain: { verified: true, input: 'empleos.example' },
          holder: { verified: true, input: holder.did },
        },
        credentials: [{ verified: true }],
      },
    });
    expect(res.body.problemDetails.filter((p: Json) => p.severity === 'error')).toEqual([]);

    // The same, as an EnvelopedVerifiablePresentation (VC Data Model 2.0 §4.13), returned as sent.
    const c2 = await challenge();
    const jwt2 = await signJwt(holder.signer, presentation({ nonce: c2 }));
    const envelope = {
      '@context': [V2],
      type: 'EnvelopedVerifiablePresentation',
      id: `data:application/vp+jwt,${jwt2}`,
    };
    const enveloped = await verify(envelope, { challenge: c2, returnPresentation: true });
    expect(enveloped.body.verified).toBe(true);
    expect(enveloped.body.verifiablePresentation).toEqual(envelope);
  });

  it('refuses a tampered signature or payload, and then the challenge is still unspent', async () => {
    const c = await challenge();
    const jwt = await signJwt(holder.signer, presentation({ nonce: c }));
    const [h, p, s] = jwt.split('.');
    const badSignature = `${h}.${p}.${s.startsWith('A') ? 'B' : 'A'}${s.slice(1)}`;
    const res = await verify(badSignature, { challenge: c });
    // An error found is 422 with the whole result (decision 0017).
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('VERIFICATION_FAILED');
    expect(res.body.verified).toBe(false);
    expect(codes(res.body)).toContain('SIGNATURE_INVALID');
    expect(res.body.results.presentation.proof[0].verified).toBe(false);

    const otherPayload = Buffer.from(
      JSON.stringify(presentation({ nonce: c, holder: holder.did, extra: 'added' })),
    ).toString('base64url');
    const badPayload = await verify(`${h}.${otherPayload}.${s}`, { challenge: c });
    expect(badPayload.status).toBe(422);
    expect(badPayload.body.verified).toBe(false);
    expect(codes(badPayload.body)).toContain('SIGNATURE_INVALID');

    // Neither spent the challenge: the genuine presentation still verifies.
    expect((await verify(jwt, { challenge: c })).body.verified).toBe(true);
  });

  it('refuses a wrong nonce, and a missing one when a challenge was asked for', async () => {
    const c = await challenge();
    const wrong = await verify(await signJwt(holder.signer, presentation({ nonce: 'another' })), {
      challenge: c,
    });
    expect(wrong.body.verified).toBe(false);
    expect(codes(wrong.body)).toContain('INVALID_CHALLENGE_ERROR');
    expect(wrong.body.results.presentation.challenge).toEqual({ verified: false, input: c });

    const missing = await verify(await signJwt(holder.signer, presentation()), { challenge: c });
    expect(missing.body.verified).toBe(false);
    expect(codes(missing.body)).toContain('INVALID_CHALLENGE_ERROR');

    const wrongDomain = await verify(
      await signJwt(holder.signer, presentation({ nonce: c, aud: 'other.example' })),
      { challenge: c, domain: 'empleos.example' },
    );
    expect(wrongDomain.body.verified).toBe(false);
    expect(codes(wrongDomain.body)).toContain('INVALID_DOMAIN_ERROR');
  });

  it('refuses a replayed nonce, whether or not the caller repeats the challenge', async () => {
    const c = await challenge();
    const jwt = await signJwt(holder.signer, presentation({ nonce: c }));
    expect((await verify(jwt, { challenge: c })).body.verified).toBe(true);
    const replay = await verify(jwt, { challenge: c });
    expect(replay.body.verified).toBe(false);
    expect(codes(replay.body)).toContain('CHALLENGE_ALREADY_USED');
    const sneaky = await verify(jwt);
    expect(sneaky.body.verified).toBe(false);
    expect(codes(sneaky.body)).toContain('CHALLENGE_ALREADY_USED');
  });

  it('refuses a JWT by another key than the holder’s, a vc+jwt as a presentation, a tampered credential', async () => {
    const c = await challenge();
    const stranger = await party();
    const notHolder = await verify(await signJwt(stranger.signer, presentation({ nonce: c })), {
      challenge: c,
    });
    expect(notHolder.body.verified).toBe(false);
    expect(codes(notHolder.body)).toContain('HOLDER_MISMATCH');

    const confused = await verify(
      await signJwt(holder.signer, presentation({ nonce: c }), 'vc+jwt'),
      { challenge: c },
    );
    expect(confused.body.verified).toBe(false);
    expect(codes(confused.body)).toContain('PROOF_INVALID');

    const [h, p, s] = credentialJwt.split('.');
    const forged = `${h}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p, 'base64url').toString()), validFrom: '2020-01-01T00:00:00Z' })).toString('base64url')}.${s}`;
    const tampered = await verify(
      await signJwt(holder.signer, presentation({ nonce: c }, [envelopedCredential(forged)])),
      { challenge: c },
    );
    expect(tampered.body.verified).toBe(false);
    expect(tampered.body.results.presentation.proof[0].verified).toBe(true);
    expect(tampered.body.results.credentials[0].verified).toBe(false);
    expect(codes(tampered.body)).toContain('CREDENTIAL_NOT_VERIFIED');
  });

  it('answers 400 for what is not a vp+jwt', async () => {
    for (const input of [
      'not.a.jwt',
      ` ${await signJwt(holder.signer, presentation())}`,
      { '@context': [V2], type: 'EnvelopedVerifiablePresentation', id: 'data:text/plain,hello' },
      { '@context': [V2], type: 'EnvelopedVerifiablePresentation', id: 'https://example.org/vp' },
    ]) {
      const res = await verify(input);
      expect(res.status).toBe(400);
    }
    // A JWT whose payload is not a presentation.
    const notVp = await verify(await signJwt(holder.signer, { hello: 'world' }));
    expect(notVp.status).toBe(400);
  });
});
