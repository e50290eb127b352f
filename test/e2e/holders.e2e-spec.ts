import jwt from 'jsonwebtoken';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Response } from 'supertest';
import { AccessTokens } from '../../src/modules/holders/access-tokens.js';
import { SharesService } from '../../src/modules/holder-shares/shares.service.js';
import { DemoSeedService } from '../../src/modules/demo/demo-seed.service.js';
import { asAdmin } from '../helpers/admin.js';
import { certificateBody, type TestDocument } from '../helpers/bodies.js';
import {
  asHolder,
  binary,
  documentFields,
  issueTo,
  loginHolder,
  registerHolder,
  type IssuedForTest,
} from '../helpers/holders.js';
import { outsideVerifier } from '../helpers/outside-verifier.js';
import { decodeQrPng } from '../helpers/qr.js';
import { expectProblem } from '../helpers/problem.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

const PASSWORD = 'mi perro se llama Toby 2019';
const DAY = 24 * 60 * 60 * 1000;
const inDays = (days: number) => new Date(Date.now() + days * DAY).toISOString();
const pathOf = (url: string) => new URL(url).pathname;
const tokenOfShare = (url: string) => url.split('/v/')[1];

// Elena: a credential under her Venezuelan cédula, another under her Colombian PPT.
const elenaCedula: TestDocument = { type: 'CEDULA', country: 'VE', number: 'V-1234567' };
const elenaPpt: TestDocument = { type: 'PPT', country: 'CO', number: 'DEMO-PPT-7777' };
const elenaNames = { givenNames: 'Elena', familyNames: 'Demo Ruiz' };
// Bruno: another holder, for access checks.
const brunoCedula: TestDocument = { type: 'CEDULA', country: 'VE', number: 'V-7654321' };
const brunoNames = { givenNames: 'Bruno', familyNames: 'Demo Salas' };
// Document numbers in every form they could leak in.
const NUMBERS = /V-?1234567|DEMO-?PPT-?7777|V-?7654321/i;

describe('holders', () => {
  let t: TestApp;
  let issuerKey: string;

  /** Everything a refused request must leave as it was. */
  const snapshot = async () => {
    const one = async (sql: string) => (await t.dataSource.query<{ v: unknown }[]>(sql))[0].v;
    return {
      accounts: await one('SELECT count(*)::int AS v FROM holder_account'),
      sessions: await one(
        "SELECT string_agg(id::text || coalesce(revoked_reason, ''), ',' ORDER BY id) AS v FROM holder_session",
      ),
      refreshTokens: await one(
        "SELECT string_agg(id::text || coalesce(used_at::text, ''), ',' ORDER BY id) AS v FROM holder_refresh_token",
      ),
      consents: await one('SELECT count(*)::int AS v FROM holder_consent'),
      shares: await one(
        "SELECT string_agg(id::text || coalesce(revoked_at::text, ''), ',' ORDER BY id) AS v FROM holder_share",
      ),
      shareItems: await one('SELECT count(*)::int AS v FROM holder_share_credential'),
      credentials: await one(
        `SELECT string_agg(id::text || ':' || coalesce(holder_id::text, '') || ':' ||
           coalesce(claim_code_used_at::text, '') || ':' || verify_link_enabled, ',' ORDER BY id) AS v
         FROM credential`,
      ),
      documents: await one(
        `SELECT string_agg(id::text || ':' || holder_id || ':' || number_hmac, ',' ORDER BY id) AS v
         FROM identity_document`,
      ),
      holders: await one(
        `SELECT string_agg(id::text || coalesce(given_names, '') || coalesce(erased_at::text, ''), ',' ORDER BY id) AS v
         FROM holder`,
      ),
      audit: await one('SELECT count(*)::int AS v FROM audit_event'),
    };
  };

  const issue = (documents: TestDocument[], names = elenaNames) =>
    issueTo(t, issuerKey, certificateBody({ holder: { documents, ...names } }));

  const newHolder = async (
    document: TestDocument,
    names?: { givenNames: string; familyNames: string },
  ) => {
    const credential = await issue([document], names);
    const res = await registerHolder(t, document, credential.claimCode, PASSWORD);
    expect(res.status).toBe(201);
    return {
      credential,
      tokens: res.body as { accessToken: string; refreshToken: string },
      as: asHolder(t, res.body.accessToken),
    };
  };

  beforeAll(async () => {
    t = await startTestApp({
      HOLDER_LOGIN_MAX_FAILURES: '3',
      HOLDER_LOGIN_MAX_CLIENT_FAILURES: '10000',
      HOLDER_CLAIM_MAX_CLIENT_FAILURES: '10000',
      PUBLIC_RATE_LIMIT_PER_MINUTE: '100000',
    });
    issuerKey = (await t.app.get(DemoSeedService).seed()).apiKey!.key;
  });
  afterAll(() => t.close());

  describe('the whole story', () => {
    let first: IssuedForTest;
    let second: IssuedForTest;
    let holder: ReturnType<typeof asHolder>;
    let shareUrl: string;

    it('registers with the first claim code, links the second document, and lists both', async () => {
      // One issuer, one person, two documents: two holders until she proves both are hers.
      first = await issue([elenaCedula]);
      second = await issue([elenaPpt]);

      const registered = await registerHolder(t, elenaCedula, first.claimCode, PASSWORD);
      expect(registered.status).toBe(201);
      expect(registered.body).toMatchObject({
        accessToken: expect.any(String),
        refreshToken: expect.stringMatching(/^rhr_/),
        tokenType: 'Bearer',
        expiresIn: 900,
        credentialId: first.id,
      });
      expect(jwt.decode(registered.body.accessToken, { complete: true })?.header.alg).toBe('HS256');
      holder = asHolder(t, registered.body.accessToken);

      const before = await holder.get('/holder/credentials');
      expect(before.status).toBe(200);
      expect(before.body.map((c: { id: string }) => c.id)).toEqual([first.id]);

      const claimed = await holder.post('/holder/claims', {
        claimCode: second.claimCode,
        ...documentFields(elenaPpt),
      });
      expect(claimed.status).toBe(201);
      expect(claimed.body).toEqual({
        credentialId: second.id,
        document: { type: 'PPT', country: 'CO', last4: '7777' },
      });

      const after = await holder.get('/holder/credentials');
      expect(after.body.map((c: { id: string }) => c.id).sort()).toEqual(
        [first.id, second.id].sort(),
      );
      expect(after.body.find((c: { id: string }) => c.id === first.id)).toMatchObject({
        type: 'CompetencyCertificationCredential',
        status: 'ACTIVE',
        expired: false,
        summary: 'Cuidado de personas mayores (ficticia)',
        issuer: { slug: 'co-ens', country: 'CO', name: expect.any(String) },
        document: { type: 'CEDULA', country: 'VE', last4: '4567' },
        verifyUrl: first.verifyUrl,
        verifyLinkEnabled: true,
      });

      // A credential issued later under the PPT alone appears with the rest.
      const third = await issue([elenaPpt]);
      const all = await holder.get('/holder/credentials');
      expect(all.body.map((c: { id: string }) => c.id)).toContain(third.id);

      // Either document signs in.
      const byPpt = await loginHolder(t, elenaPpt, PASSWORD);
      expect(byPpt.status).toBe(200);
      for (const res of [registered, claimed, after, byPpt]) {
        expect(JSON.stringify(res.body)).not.toMatch(NUMBERS);
      }
    });

    it('downloads the signed credential as a .json file that verifies', async () => {
      const res = await holder.get(`/holder/credentials/${first.id}`);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.headers['content-disposition']).toBe(
        `attachment; filename="credential-${first.id}.json"`,
      );
      const downloaded = JSON.parse(res.text) as Record<string, unknown>;
      expect(downloaded).toEqual(first.verifiableCredential);
      const result = await outsideVerifier(t).verify(downloaded);
      expect(result.error).toBeUndefined();
      expect(result.verified).toBe(true);
      const verification = await t.http
        .post('/verifications')
        .send({ verifiableCredential: downloaded });
      expect(verification.body).toMatchObject({ verified: true, status: 'VALID' });
    });

    it('downloads a VC-JWT as application/vc+jwt text', async () => {
      const issued = await issueTo(
        t,
        issuerKey,
        certificateBody({ holder: { documents: [elenaCedula], ...elenaNames }, format: 'jwt' }),
      );
      const res = await holder.get(`/holder/credentials/${issued.id}`).buffer(true).parse(binary);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/vc\+jwt/);
      expect(res.headers['content-disposition']).toContain(`credential-${issued.id}.jwt`);
      expect((res.body as Buffer).toString('utf8')).toBe(issued.verifiableCredential);
    });

    it('prints a one-page PDF in the holder’s language whose QR decodes to a working verify link', async () => {
      const res = await holder
        .get(`/holder/credentials/${first.id}/pdf?lang=pt`)
        .buffer(true)
        .parse(binary);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['content-disposition']).toContain(`credential-${first.id}.pdf`);
      const dir = mkdtempSync(join(tmpdir(), 'reconoce-pdf-'));
      try {
        const file = join(dir, 'credential.pdf');
        writeFileSync(file, res.body as Buffer);
        expect(execFileSync('pdfinfo', [file]).toString()).toMatch(/^Pages:\s+1$/m);
        const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-']).toString();
        expect(text).toContain(first.verifyUrl);
        // Portuguese, with its accents intact (Helvetica's Latin-1 encoding).
        expect(text).toContain('Credencial verificável');
        expect(text).toContain('Certificação de competências profissionais');
        expect(text).toContain('Elena Demo Ruiz');
        expect(text).toContain('Colômbia');
        expect(text).not.toMatch(NUMBERS);

        execFileSync('pdftoppm', ['-r', '150', '-png', '-singlefile', file, join(dir, 'page')]);
        const qr = decodeQrPng(readFileSync(join(dir, 'page.png')));
        expect(qr).toBe(first.verifyUrl);
        const page = await t.http.get(pathOf(qr!)).set('Accept', 'application/json');
        expect(page.status).toBe(200);
        expect(page.body.status).toBe('VALID');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }

      const spanish = await holder
        .get(`/holder/credentials/${first.id}/pdf`)
        .set('Accept-Language', 'es-CO,es;q=0.9')
        .buffer(true)
        .parse(binary);
      expect(spanish.status).toBe(200);
      expectProblem(
        await holder.get(`/holder/credentials/${first.id}/pdf?lang=fr`),
        400,
        'VALIDATION_FAILED',
      );
    });

    it('shares one credential; the share resolves to it alone until revoked', async () => {
      const res = await holder.post('/holder/shares', {
        credentialIds: [first.id],
        expiresAt: inDays(30),
        label: 'Para la panadería',
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        id: expect.any(String),
        url: expect.stringMatching(/^http:\/\/localhost:3000\/v\/[A-Za-z0-9_-]{43}$/),
        credentialIds: [first.id],
        label: 'Para la panadería',
        status: 'ACTIVE',
      });
      expect(res.body.qrSvgUrl).toBe(`${res.body.url}/qr.svg`);
      shareUrl = res.body.url;
      // Only the token's hash is stored.
      const stored = await t.dataSource.query<{ token_hash: string }[]>(
        'SELECT token_hash FROM holder_share WHERE id = $1',
        [res.body.id],
      );
      expect(stored[0].token_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(stored[0].token_hash).not.toContain(tokenOfShare(shareUrl));

      const shares = t.app.get(SharesService);
      await expect(shares.resolveToken(tokenOfShare(shareUrl))).resolves.toEqual({
        shareId: res.body.id,
        credentialIds: [first.id],
        expiresAt: expect.any(Date),
      });
      const listed = await holder.get('/holder/shares');
      expect(listed.body).toEqual([
        expect.objectContaining({ id: res.body.id, status: 'ACTIVE', credentialIds: [first.id] }),
      ]);
      expect(JSON.stringify(listed.body)).not.toContain(tokenOfShare(shareUrl));

      expect((await holder.delete(`/holder/shares/${res.body.id}`)).status).toBe(204);
      await expect(shares.resolveToken(tokenOfShare(shareUrl))).rejects.toMatchObject({
        code: 'SHARE_REVOKED',
        status: 410,
      });
      expect((await holder.get('/holder/shares')).body[0]).toMatchObject({
        status: 'REVOKED',
        revokedAt: expect.any(String),
      });
      // Revoking again changes nothing.
      expect((await holder.delete(`/holder/shares/${res.body.id}`)).status).toBe(204);
      await expect(shares.resolveToken('x'.repeat(43))).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
    });

    it('an anonymous verifier opens the share, the holder sees that check, and after revocation the link answers 410 (passes once /v/ resolves shares)', async () => {
      const created = await holder.post('/holder/shares', {
        credentialIds: [first.id],
        expiresAt: inDays(7),
      });
      const link = pathOf(created.body.url);

      const opened = await t.http
        .get(`${link}?country=PE&purpose=EMPLOYMENT`)
        .set('Accept', 'application/json');
      expect(opened.status).toBe(200);
      expect(JSON.stringify(opened.body)).not.toContain(second.id);

      const events = await holder.get(`/holder/shares/${created.body.id}/events`);
      expect(events.status).toBe(200);
      expect(events.body).toEqual([
        expect.objectContaining({
          credentialId: first.id,
          shareId: created.body.id,
          country: 'PE',
          purpose: 'EMPLOYMENT',
          status: 'VALID',
        }),
      ]);

      expect((await holder.delete(`/holder/shares/${created.body.id}`)).status).toBe(204);
      expectProblem(await t.http.get(link).set('Accept', 'application/json'), 410, 'SHARE_REVOKED');
    });

    it('turns the permanent verify link off and on again', async () => {
      const link = pathOf(first.verifyUrl);
      const off = await holder.post(`/holder/credentials/${first.id}/verify-link`, {
        enabled: false,
      });
      expect(off.status).toBe(200);
      expect(off.body.verifyLinkEnabled).toBe(false);
      expect((await t.http.get(link).set('Accept', 'application/json')).status).toBe(404);
      const on = await holder.post(`/holder/credentials/${first.id}/verify-link`, {
        enabled: true,
      });
      expect(on.body.verifyLinkEnabled).toBe(true);
      expect((await t.http.get(link).set('Accept', 'application/json')).status).toBe(200);
      expectProblem(
        await holder.post(`/holder/credentials/${first.id}/verify-link`, { enabled: 'no' }),
        400,
        'VALIDATION_FAILED',
      );
    });
  });

  describe('registration refuses bad input and changes nothing', () => {
    let unused: IssuedForTest;
    let used: IssuedForTest;
    let sameDocument: IssuedForTest;
    const person: TestDocument = { type: 'PASSPORT', country: 'VE', number: 'DEMO-P-5555' };

    beforeAll(async () => {
      unused = await issue([person], { givenNames: 'Rosa', familyNames: 'Demo Mar' });
      used = await issue([brunoCedula], brunoNames);
      expect((await registerHolder(t, brunoCedula, used.claimCode, PASSWORD)).status).toBe(201);
      sameDocument = await issue([brunoCedula], brunoNames);
    });

    const register = (body: Record<string, unknown>) => t.http.post('/holder/register').send(body);
    const good = () => ({
      ...documentFields(person),
      claimCode: unused.claimCode,
      password: PASSWORD,
    });

    const cases: [string, () => Promise<Response>, number, string, string[]][] = [
      ['no body', () => t.http.post('/holder/register'), 400, 'VALIDATION_FAILED', []],
      [
        'an unknown field',
        () => register({ ...good(), email: 'x@example.org' }),
        400,
        'VALIDATION_FAILED',
        ['email'],
      ],
      [
        'an unknown document type',
        () => register({ ...good(), documentType: 'LICENCE' }),
        400,
        'VALIDATION_FAILED',
        ['documentType'],
      ],
      [
        'a country that is not two letters',
        () => register({ ...good(), documentCountry: 'VEN' }),
        400,
        'VALIDATION_FAILED',
        ['documentCountry'],
      ],
      [
        'a number with no letter nor digit',
        () => register({ ...good(), documentNumber: '-.-' }),
        400,
        'VALIDATION_FAILED',
        ['documentNumber'],
      ],
      [
        'an unknown claim code',
        () => register({ ...good(), claimCode: 'AAAA-BBBB-CCCC-DDDD' }),
        400,
        'INVALID_CLAIM',
        ['claimCode'],
      ],
      [
        'a used claim code',
        () => register({ ...good(), ...documentFields(brunoCedula), claimCode: used.claimCode }),
        400,
        'INVALID_CLAIM',
        ['claimCode'],
      ],
      [
        'a claim code of another document',
        () => register({ ...good(), ...documentFields(elenaPpt) }),
        400,
        'INVALID_CLAIM',
        ['claimCode'],
      ],
      [
        'a short password',
        () => register({ ...good(), password: 'Zq8#vL2!' }),
        422,
        'WEAK_PASSWORD',
        ['password'],
      ],
      [
        'a guessable password',
        () => register({ ...good(), password: 'Password2024!' }),
        422,
        'WEAK_PASSWORD',
        ['password'],
      ],
      [
        'the document number as password',
        () => register({ ...good(), password: 'DEMO-P-5555-demo' }),
        422,
        'WEAK_PASSWORD',
        ['password'],
      ],
      [
        'a document that already has an account',
        () =>
          register({
            ...good(),
            ...documentFields(brunoCedula),
            claimCode: sameDocument.claimCode,
          }),
        409,
        'ACCOUNT_EXISTS',
        [],
      ],
    ];

    it.each(cases)('refuses %s', async (_name, call, status, code, paths) => {
      const before = await snapshot();
      const res = await call();
      expectProblem(res, status, code);
      for (const path of paths) {
        expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
      }
      expect(JSON.stringify(res.body)).not.toMatch(/DEMO-?P-?5555|V-?7654321/);
      expect(await snapshot()).toEqual(before);
    });

    it('answers unknown and used claim codes alike, so codes cannot be probed', async () => {
      const unknown = await register({ ...good(), claimCode: 'AAAA-BBBB-CCCC-DDDD' });
      const usedCode = await register({
        ...good(),
        ...documentFields(brunoCedula),
        claimCode: used.claimCode,
      });
      const { requestId: _a, ...unknownBody } = unknown.body;
      const { requestId: _b, ...usedBody } = usedCode.body;
      expect(usedBody).toEqual(unknownBody);
    });

    it('then registers with the right input', async () => {
      expect((await register(good())).status).toBe(201);
    });
  });

  describe('sessions', () => {
    const document: TestDocument = { type: 'DNI', country: 'PE', number: 'DEMO-DNI-1111' };
    const names = { givenNames: 'Inés', familyNames: 'Demo Paz' };
    let holderId: string;

    beforeAll(async () => {
      const created = await newHolder(document, names);
      holderId = jwt.decode(created.tokens.accessToken, { json: true })!.sub!;
    });

    it('logs in, and refuses a wrong password or an unknown document alike', async () => {
      const ok = await loginHolder(t, document, PASSWORD);
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 900 });
      expect((await asHolder(t, ok.body.accessToken).get('/holder/credentials')).status).toBe(200);

      const before = await snapshot();
      const wrong = await loginHolder(t, document, `${PASSWORD}!`);
      const unknown = await loginHolder(
        t,
        { type: 'DNI', country: 'PE', number: 'DEMO-DNI-0000' },
        PASSWORD,
      );
      expectProblem(wrong, 401, 'INVALID_CREDENTIALS');
      expectProblem(unknown, 401, 'INVALID_CREDENTIALS');
      expect(wrong.body.detail).toBe(unknown.body.detail);
      expectProblem(
        await t.http.post('/holder/login').send(documentFields(document)),
        400,
        'VALIDATION_FAILED',
      );
      expect(await snapshot()).toEqual(before);
      // A right password ends the run of failures.
      expect((await loginHolder(t, document, PASSWORD)).status).toBe(200);
    });

    it('locks an account after repeated failures, even for the right password, not others', async () => {
      const victim: TestDocument = { type: 'DNI', country: 'PE', number: 'DEMO-DNI-2222' };
      await newHolder(victim, names);
      const started: number[] = [];
      for (let i = 0; i < 3; i++) {
        started.push(Date.now());
        expectProblem(await loginHolder(t, victim, 'not the password'), 401, 'INVALID_CREDENTIALS');
      }
      // Each failure in a row is answered more slowly (0, 250, 500 ms on top of the check).
      expect(Date.now() - started[2]).toBeGreaterThanOrEqual(500);
      const locked = await loginHolder(t, victim, PASSWORD);
      expectProblem(locked, 429, 'RATE_LIMITED');
      expect(Number(locked.headers['retry-after'])).toBeGreaterThan(800);
      expect((await loginHolder(t, document, PASSWORD)).status).toBe(200);
    });

    it('rotates the refresh token; reusing an old one ends the whole session', async () => {
      const login = (await loginHolder(t, document, PASSWORD)).body;
      const refreshed = await t.http
        .post('/holder/refresh')
        .send({ refreshToken: login.refreshToken });
      expect(refreshed.status).toBe(200);
      expect(refreshed.body.refreshToken).not.toBe(login.refreshToken);
      const holder = asHolder(t, refreshed.body.accessToken);
      expect((await holder.get('/holder/credentials')).status).toBe(200);

      // The first token again: someone copied it. Both copies lose the session.
      expectProblem(
        await t.http.post('/holder/refresh').send({ refreshToken: login.refreshToken }),
        401,
        'UNAUTHORIZED',
      );
      expectProblem(await holder.get('/holder/credentials'), 401, 'UNAUTHORIZED');
      expectProblem(
        await t.http.post('/holder/refresh').send({ refreshToken: refreshed.body.refreshToken }),
        401,
        'UNAUTHORIZED',
      );
      expectProblem(
        await t.http.post('/holder/refresh').send({ refreshToken: 'rhr_nope' }),
        401,
        'UNAUTHORIZED',
      );
    });

    it('logs out: the access and refresh tokens stop working at once', async () => {
      const login = (await loginHolder(t, document, PASSWORD)).body;
      const holder = asHolder(t, login.accessToken);
      expect((await holder.post('/holder/logout')).status).toBe(204);
      expectProblem(await holder.get('/holder/credentials'), 401, 'UNAUTHORIZED');
      expectProblem(
        await t.http.post('/holder/refresh').send({ refreshToken: login.refreshToken }),
        401,
        'UNAUTHORIZED',
      );
    });

    it('refuses expired and tampered access tokens', async () => {
      const login = (await loginHolder(t, document, PASSWORD)).body;
      const { sid } = jwt.decode(login.accessToken, { json: true }) as { sid: string };
      const { SESSION_SECRET } = t.config.secrets;
      const past = new AccessTokens(
        SESSION_SECRET,
        t.config.publicBaseUrl,
        () => Date.now() - 16 * 60 * 1000,
      );
      const expired = past.sign({ holderId, sessionId: sid });
      expectProblem(await asHolder(t, expired).get('/holder/credentials'), 401, 'UNAUTHORIZED');

      const [header, payload, signature] = login.accessToken.split('.');
      const body = JSON.parse(Buffer.from(payload, 'base64url').toString());
      const forged = Buffer.from(JSON.stringify({ ...body, exp: body.exp + 3600 })).toString(
        'base64url',
      );
      expectProblem(
        await asHolder(t, `${header}.${forged}.${signature}`).get('/holder/credentials'),
        401,
        'UNAUTHORIZED',
      );
      expect((await asHolder(t, login.accessToken).get('/holder/credentials')).status).toBe(200);
    });
  });

  describe('one holder cannot reach another’s things', () => {
    let ana: Awaited<ReturnType<typeof newHolder>>;
    let luis: Awaited<ReturnType<typeof newHolder>>;
    let anaShare: string;

    beforeAll(async () => {
      ana = await newHolder(
        { type: 'CPP', country: 'PE', number: 'DEMO-CPP-3333' },
        { givenNames: 'Ana', familyNames: 'Demo Vega' },
      );
      luis = await newHolder(
        { type: 'CPP', country: 'PE', number: 'DEMO-CPP-4444' },
        { givenNames: 'Luis', familyNames: 'Demo Roca' },
      );
      anaShare = (
        await ana.as.post('/holder/shares', {
          credentialIds: [ana.credential.id],
          expiresAt: inDays(10),
        })
      ).body.id;
    });

    const unknownId = '00000000-0000-4000-8000-000000000000';
    const cases: [string, () => Promise<Response>, number, string][] = [
      ['no token', () => t.http.get('/holder/credentials'), 401, 'UNAUTHORIZED'],
      [
        'a garbage token',
        () => t.http.get('/holder/credentials').set('Authorization', 'Bearer abc.def.ghi'),
        401,
        'UNAUTHORIZED',
      ],
      ['the admin token', () => asAdmin(t).get('/holder/credentials'), 403, 'FORBIDDEN'],
      [
        'an issuer API key',
        () => t.http.get('/holder/credentials').set('Authorization', `Bearer ${issuerKey}`),
        403,
        'FORBIDDEN',
      ],
      [
        'reading another holder’s credential',
        () => luis.as.get(`/holder/credentials/${ana.credential.id}`),
        404,
        'NOT_FOUND',
      ],
      [
        'printing another holder’s credential',
        () => luis.as.get(`/holder/credentials/${ana.credential.id}/pdf`),
        404,
        'NOT_FOUND',
      ],
      [
        'switching another holder’s verify link',
        () =>
          luis.as.post(`/holder/credentials/${ana.credential.id}/verify-link`, {
            enabled: false,
          }),
        404,
        'NOT_FOUND',
      ],
      [
        'sharing another holder’s credential',
        () =>
          luis.as.post('/holder/shares', {
            credentialIds: [luis.credential.id, ana.credential.id],
            expiresAt: inDays(10),
          }),
        404,
        'NOT_FOUND',
      ],
      [
        'reading another holder’s share events',
        () => luis.as.get(`/holder/shares/${anaShare}/events`),
        404,
        'NOT_FOUND',
      ],
      [
        'revoking another holder’s share',
        () => luis.as.delete(`/holder/shares/${anaShare}`),
        404,
        'NOT_FOUND',
      ],
      [
        'an unknown credential',
        () => luis.as.get(`/holder/credentials/${unknownId}`),
        404,
        'NOT_FOUND',
      ],
      ['a malformed id', () => luis.as.get('/holder/credentials/nope'), 404, 'NOT_FOUND'],
      ['an unknown share', () => luis.as.delete(`/holder/shares/${unknownId}`), 404, 'NOT_FOUND'],
      [
        'a share that expired already',
        () =>
          luis.as.post('/holder/shares', {
            credentialIds: [luis.credential.id],
            expiresAt: inDays(-1),
          }),
        422,
        'INVALID_DATE_RANGE',
      ],
      [
        'a share for more than a year',
        () =>
          luis.as.post('/holder/shares', {
            credentialIds: [luis.credential.id],
            expiresAt: inDays(366),
          }),
        422,
        'INVALID_DATE_RANGE',
      ],
      [
        'a share of nothing',
        () => luis.as.post('/holder/shares', { credentialIds: [], expiresAt: inDays(1) }),
        400,
        'VALIDATION_FAILED',
      ],
      [
        'a share with a malformed date',
        () =>
          luis.as.post('/holder/shares', {
            credentialIds: [luis.credential.id],
            expiresAt: 'next week',
          }),
        400,
        'VALIDATION_FAILED',
      ],
      [
        'a share of a malformed id',
        () => luis.as.post('/holder/shares', { credentialIds: ['x'], expiresAt: inDays(1) }),
        400,
        'VALIDATION_FAILED',
      ],
    ];

    it.each(cases)('refuses %s and changes nothing', async (_name, call, status, code) => {
      const before = await snapshot();
      expectProblem(await call(), status, code);
      expect(await snapshot()).toEqual(before);
    });

    it('lists only the holder’s own credentials and shares', async () => {
      const credentials = (await luis.as.get('/holder/credentials')).body;
      expect(credentials.map((c: { id: string }) => c.id)).toEqual([luis.credential.id]);
      expect((await luis.as.get('/holder/shares')).body).toEqual([]);
      const events = await ana.as.get(`/holder/shares/${anaShare}/events`);
      expect(events.body).toEqual([]);
    });
  });

  describe('claims refuse bad codes and other accounts’ documents', () => {
    let holder: Awaited<ReturnType<typeof newHolder>>;
    let other: Awaited<ReturnType<typeof newHolder>>;
    let otherUnused: IssuedForTest;
    const mine: TestDocument = { type: 'PEP', country: 'CO', number: 'DEMO-PEP-5151' };
    const theirs: TestDocument = { type: 'PEP', country: 'CO', number: 'DEMO-PEP-6161' };

    beforeAll(async () => {
      holder = await newHolder(mine, { givenNames: 'Marta', familyNames: 'Demo Gil' });
      other = await newHolder(theirs, { givenNames: 'Nora', familyNames: 'Demo Gil' });
      otherUnused = await issue([theirs], { givenNames: 'Nora', familyNames: 'Demo Gil' });
    });

    const claim = (body: object) => holder.as.post('/holder/claims', body);
    const cases: [string, () => Promise<Response>, number, string][] = [
      [
        'an unknown code',
        () => claim({ claimCode: 'ZZZZ-ZZZZ-ZZZZ-ZZZZ', ...documentFields(mine) }),
        400,
        'INVALID_CLAIM',
      ],
      [
        'a used code',
        () => claim({ claimCode: other.credential.claimCode, ...documentFields(theirs) }),
        400,
        'INVALID_CLAIM',
      ],
      [
        'a code with another document',
        () => claim({ claimCode: otherUnused.claimCode, ...documentFields(mine) }),
        400,
        'INVALID_CLAIM',
      ],
      [
        'a document that signs in to another account',
        () => claim({ claimCode: otherUnused.claimCode, ...documentFields(theirs) }),
        409,
        'DOCUMENT_OF_ANOTHER_ACCOUNT',
      ],
      ['no body', () => claim({}), 400, 'VALIDATION_FAILED'],
      [
        'no token',
        () =>
          t.http
            .post('/holder/claims')
            .send({ claimCode: otherUnused.claimCode, ...documentFields(theirs) }),
        401,
        'UNAUTHORIZED',
      ],
    ];

    it.each(cases)('refuses %s and changes nothing', async (_name, call, status, code) => {
      const before = await snapshot();
      expectProblem(await call(), status, code);
      expect(await snapshot()).toEqual(before);
    });

    it('the other holder can still claim it', async () => {
      const res = await other.as.post('/holder/claims', {
        claimCode: otherUnused.claimCode,
        ...documentFields(theirs),
      });
      expect(res.status).toBe(201);
    });
  });

  describe('consent and data export', () => {
    let holder: Awaited<ReturnType<typeof newHolder>>;
    const document: TestDocument = { type: 'RUT', country: 'CL', number: 'DEMO-RUT-8888' };

    beforeAll(async () => {
      holder = await newHolder(document, { givenNames: 'Olga', familyNames: 'Demo Soto' });
    });

    it('counts in statistics by default, not findable by employment services, until changed', async () => {
      const initial = await holder.as.get('/holder/consents');
      expect(initial.status).toBe(200);
      expect(initial.body).toMatchObject({
        statistics: { granted: true, updatedAt: null },
        findableByEmploymentServices: { granted: false, updatedAt: null },
      });
      const changed = await holder.as.put('/holder/consents', {
        statistics: false,
        findableByEmploymentServices: true,
      });
      expect(changed.body).toMatchObject({
        statistics: { granted: false, updatedAt: expect.any(String) },
        findableByEmploymentServices: { granted: true },
      });
      expect(changed.body.history.map((h: { source: string }) => h.source)).toEqual([
        'DEFAULT',
        'DEFAULT',
        'HOLDER',
        'HOLDER',
      ]);
      const before = await snapshot();
      expectProblem(
        await holder.as.put('/holder/consents', { statistics: 'no' }),
        400,
        'VALIDATION_FAILED',
      );
      expect((await holder.as.put('/holder/consents', { statistics: false })).status).toBe(200);
      expect(await snapshot()).toEqual(before);
    });

    it('exports everything held about the holder, without document numbers or hashes', async () => {
      await holder.as.post('/holder/shares', {
        credentialIds: [holder.credential.id],
        expiresAt: inDays(3),
        label: 'empleo',
      });
      const res = await holder.as.get('/holder/export');
      expect(res.status).toBe(200);
      expect(res.headers['content-disposition']).toBe(
        'attachment; filename="reconoce-export.json"',
      );
      expect(res.body).toMatchObject({
        holder: { givenNames: 'Olga', familyNames: 'Demo Soto' },
        documents: [{ type: 'RUT', country: 'CL', last4: '8888' }],
        credentials: [
          {
            id: holder.credential.id,
            verifiableCredential: holder.credential.verifiableCredential,
          },
        ],
        shares: [{ label: 'empleo', status: 'ACTIVE' }],
        events: [],
        consents: { statistics: { granted: false } },
        sessions: [expect.objectContaining({ current: true })],
      });
      const hashes = await t.dataSource.query<{ number_hmac: string }[]>(
        'SELECT number_hmac FROM identity_document',
      );
      const text = JSON.stringify(res.body);
      expect(text).not.toMatch(/DEMO-?RUT-?8888/);
      for (const { number_hmac } of hashes) expect(text).not.toContain(number_hmac);
    });
  });

  describe('erasure', () => {
    const names = { givenNames: 'Zoraida', familyNames: 'Demo Borrable' };
    const cedula: TestDocument = { type: 'CEDULA', country: 'VE', number: 'V-9090909' };
    const ppt: TestDocument = { type: 'PPT', country: 'CO', number: 'DEMO-PPT-9090' };

    it('leaves no name or document hash of the holder, and their credentials still verify', async () => {
      const holder = await newHolder(cedula, names);
      const second = await issue([ppt], names);
      expect(
        (
          await holder.as.post('/holder/claims', {
            claimCode: second.claimCode,
            ...documentFields(ppt),
          })
        ).status,
      ).toBe(201);
      const unclaimed = await issue([ppt], names);
      const share = await holder.as.post('/holder/shares', {
        credentialIds: [holder.credential.id, second.id],
        expiresAt: inDays(5),
        label: 'Zoraida en la clínica',
      });
      const holderId = jwt.decode(holder.tokens.accessToken, { json: true })!.sub!;
      const hashes = (
        await t.dataSource.query<{ number_hmac: string }[]>(
          'SELECT number_hmac FROM identity_document WHERE holder_id = $1',
          [holderId],
        )
      ).map((row) => row.number_hmac);
      expect(hashes).toHaveLength(2);
      const signedBefore = await t.dataSource.query<object[]>(
        'SELECT id, sha256, document, status FROM credential WHERE holder_id = $1 ORDER BY id',
        [holderId],
      );

      expect((await holder.as.delete('/holder/account')).status).toBe(204);

      // Nothing of the person is left outside the signed credentials themselves.
      const tables = (
        await t.dataSource.query<{ table_name: string }[]>(
          `SELECT table_name FROM information_schema.tables
           WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`,
        )
      ).map((row) => row.table_name);
      expect(tables).toEqual(expect.arrayContaining(['holder', 'identity_document']));
      for (const table of tables.filter((name) => name !== 'credential')) {
        for (const needle of ['Zoraida', 'Borrable', ...hashes]) {
          const [{ n }] = await t.dataSource.query<{ n: number }[]>(
            `SELECT count(*)::int AS n FROM "${table}" t WHERE t::text LIKE $1`,
            [`%${needle}%`],
          );
          expect({ table, needle, n }).toEqual({ table, needle, n: 0 });
        }
      }
      const [row] = await t.dataSource.query<
        { given_names: string | null; family_names: string | null; erased_at: Date | null }[]
      >('SELECT given_names, family_names, erased_at FROM holder WHERE id = $1', [holderId]);
      expect(row).toMatchObject({ given_names: null, family_names: null });
      expect(row.erased_at).not.toBeNull();

      // Credentials untouched, and they still verify for whoever holds them.
      expect(
        await t.dataSource.query<object[]>(
          'SELECT id, sha256, document, status FROM credential WHERE holder_id = $1 ORDER BY id',
          [holderId],
        ),
      ).toEqual(signedBefore);
      for (const credential of [holder.credential, second]) {
        const res = await t.http
          .post('/verifications')
          .send({ verifiableCredential: credential.verifiableCredential });
        expect(res.body).toMatchObject({ verified: true, status: 'VALID' });
      }

      // Sessions, password, shares and unused claim codes are gone with the account.
      expectProblem(await holder.as.get('/holder/credentials'), 401, 'UNAUTHORIZED');
      expectProblem(
        await t.http.post('/holder/refresh').send({ refreshToken: holder.tokens.refreshToken }),
        401,
        'UNAUTHORIZED',
      );
      expectProblem(await loginHolder(t, cedula, PASSWORD), 401, 'INVALID_CREDENTIALS');
      await expect(
        t.app.get(SharesService).resolveToken(tokenOfShare(share.body.url)),
      ).rejects.toMatchObject({ code: 'SHARE_REVOKED' });
      expectProblem(
        await registerHolder(t, ppt, unclaimed.claimCode, PASSWORD),
        400,
        'INVALID_CLAIM',
      );

      // The audit says what happened, with no personal data.
      const audit = await t.dataSource.query<{ data: object }[]>(
        "SELECT data FROM audit_event WHERE action = 'holder.erased' AND subject = $1",
        [`holder:${holderId}`],
      );
      expect(audit).toEqual([
        {
          data: {
            documents: 2,
            sessionsEnded: 1,
            sharesRevoked: 1,
            statisticsRecords: 2,
            caseFilesDeleted: 0,
          },
        },
      ]);

      // The same document issued again later is a new person to the registry.
      const again = await issue([cedula], names);
      const [{ holder_id }] = await t.dataSource.query<{ holder_id: string }[]>(
        'SELECT holder_id FROM credential WHERE id = $1',
        [again.id],
      );
      expect(holder_id).not.toBe(holderId);
    });
  });

  it('keeps the audit chain intact', async () => {
    expect((await asAdmin(t).get('/admin/audit/verify')).body).toMatchObject({ intact: true });
  });
});
