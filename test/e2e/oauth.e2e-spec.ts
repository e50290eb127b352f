import { decodeJwt, decodeProtectedHeader } from 'jose';
import type { Response } from 'supertest';
import { createLogger } from '../../src/common/logging/logger.js';
import { OAuthAccessTokens } from '../../src/modules/registry/oauth-access-tokens.js';
import { asAdmin, seedIssuerKeys } from '../helpers/admin.js';
import { certificateBody, oauthClientBody, vcApiIssueBody } from '../helpers/bodies.js';
import { expectProblem } from '../helpers/problem.js';
import { startTestApp, testSecrets, type TestApp } from '../helpers/test-app.js';

const INSTANCE = 'http://localhost:3000';
const CO_ENS = 'did:web:localhost%3A3000:issuers:co-ens';
const ISSUING = [
  'write:/issuer/credentials',
  'read:/issuer/credentials',
  'write:/credentials/issue',
];

interface Client {
  id: string;
  clientId: string;
  clientSecret: string;
}

const basic = (id: string, secret: string) =>
  `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;

/** Asserts an RFC 6749 §5.2 refusal: JSON `error` and `error_description`, never cached. */
function expectOAuthError(res: Response, status: number, error: string): void {
  expect({ status: res.status, error: res.body.error }).toEqual({ status, error });
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  expect(res.body.error_description).toEqual(expect.any(String));
  expect(res.headers['cache-control']).toBe('no-store');
}

describe('OAuth 2.0 client credentials', () => {
  let t: TestApp;
  let key: string;
  let otherKey: string;
  let issuing: Client;
  let readOnly: Client;
  let otherIssuer: Client;
  const lines: string[] = [];

  const createClient = async (slug: string, scopes: string[]): Promise<Client> => {
    const res = await asAdmin(t).post(
      `/admin/issuers/${slug}/oauth-clients`,
      oauthClientBody(scopes),
    );
    expect(res.status).toBe(201);
    return res.body as Client;
  };
  const tokenRequest = (form: Record<string, string>, authorization?: string) => {
    const req = t.http.post('/oauth/token').type('form');
    if (authorization) req.set('Authorization', authorization);
    return req.send(form);
  };
  const tokenFor = async (client: Client, scope: string): Promise<string> => {
    const res = await tokenRequest({
      grant_type: 'client_credentials',
      client_id: client.clientId,
      client_secret: client.clientSecret,
      scope,
    });
    expect(res.status).toBe(200);
    return res.body.access_token as string;
  };
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
  const count = async (table: string) =>
    (await t.dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM ${table}`))[0].n;

  beforeAll(async () => {
    const logger = createLogger('debug', { write: (line: string) => lines.push(line) });
    t = await startTestApp(
      {
        OAUTH_CLIENT_MAX_FAILURES: '3',
        OAUTH_LOCKOUT_SECONDS: '600',
        // Above what the other tests send in a minute; the last test goes past it.
        PUBLIC_RATE_LIMIT_PER_MINUTE: '60',
      },
      { logger },
    );
    ({ key, otherKey } = await seedIssuerKeys(t));
    issuing = await createClient('co-ens', ISSUING);
    readOnly = await createClient('co-ens', ['read:/issuer/credentials']);
    otherIssuer = await createClient('pe-dcl', ['read:/issuer/credentials', 'read:/issuer']);
  }, 120_000);
  afterAll(() => t.close());

  describe('clients, managed by the registry operator', () => {
    it('shows the secret once, stores only its hash and audits the creation', async () => {
      expect(issuing.clientId).toMatch(/^rcc_[A-Za-z0-9_-]{22}$/);
      expect(issuing.clientSecret).toMatch(/^rcs_[A-Za-z0-9_-]{43}$/);
      const list = await asAdmin(t).get('/admin/issuers/co-ens/oauth-clients');
      expect(list.status).toBe(200);
      expect(list.body).toContainEqual({
        id: issuing.id,
        clientId: issuing.clientId,
        scopes: ISSUING,
        label: 'Plataforma de gestión (ficticia)',
        createdAt: expect.any(String),
        revokedAt: null,
      });
      expect(JSON.stringify(list.body)).not.toContain(issuing.clientSecret);
      const rows = await t.dataSource.query<{ secret_hash: string }[]>(
        'SELECT secret_hash FROM oauth_client WHERE client_id = $1',
        [issuing.clientId],
      );
      expect(rows[0].secret_hash).toMatch(/^[0-9a-f]{64}$/);
      const events = await t.dataSource.query<{ data: object }[]>(
        `SELECT data FROM audit_event WHERE action = 'oauth_client.created'`,
      );
      expect(events).toHaveLength(3);
      expect(JSON.stringify(events)).not.toContain(issuing.clientSecret);
    });

    it('refuses an unknown scope and an issuer API key, storing nothing', async () => {
      const before = await count('oauth_client');
      const bad = await asAdmin(t).post(
        '/admin/issuers/co-ens/oauth-clients',
        oauthClientBody(['write:/everything']),
      );
      expectProblem(bad, 400, 'VALIDATION_FAILED');
      const asIssuer = await t.http
        .post('/admin/issuers/co-ens/oauth-clients')
        .set(bearer(key))
        .send(oauthClientBody(ISSUING));
      expectProblem(asIssuer, 403, 'FORBIDDEN');
      expect(await count('oauth_client')).toBe(before);
    });
  });

  describe('POST /oauth/token', () => {
    it('grants a signed, short-lived token for credentials in the body', async () => {
      const res = await tokenRequest({
        grant_type: 'client_credentials',
        client_id: issuing.clientId,
        client_secret: issuing.clientSecret,
        scope: 'write:/issuer/credentials write:/credentials/issue',
        audience: INSTANCE,
      });
      expect(res.status).toBe(200);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.body).toEqual({
        access_token: expect.any(String),
        token_type: 'Bearer',
        expires_in: 600,
        scope: 'write:/issuer/credentials write:/credentials/issue',
      });
      expect(decodeProtectedHeader(res.body.access_token)).toMatchObject({
        alg: 'EdDSA',
        typ: 'at+jwt',
      });
      const claims = decodeJwt(res.body.access_token);
      expect(claims).toMatchObject({
        iss: INSTANCE,
        aud: INSTANCE,
        sub: issuing.clientId,
        client_id: issuing.clientId,
        issuer: CO_ENS,
        scope: 'write:/issuer/credentials write:/credentials/issue',
        jti: expect.any(String),
      });
      expect(claims.exp! - claims.iat!).toBe(600);
    });

    it('grants a token to HTTP Basic, and the token issues one credential and a VC API one', async () => {
      const res = await tokenRequest(
        { grant_type: 'client_credentials', scope: ISSUING.join(' ') },
        basic(issuing.clientId, issuing.clientSecret),
      );
      expect(res.status).toBe(200);
      const token = res.body.access_token as string;

      const single = await t.http
        .post('/issuer/credentials')
        .set(bearer(token))
        .send(certificateBody());
      expect(single.status).toBe(201);
      expect(single.body.verifiableCredential.issuer.id).toBe(CO_ENS);
      const shown = await t.http.get(`/issuer/credentials/${single.body.id}`).set(bearer(token));
      expect(shown.status).toBe(200);

      const vcApi = await t.http
        .post('/credentials/issue')
        .set(bearer(token))
        .send(vcApiIssueBody(CO_ENS));
      expect(vcApi.status).toBe(201);
      expect(vcApi.body.verifiableCredential).toMatchObject({
        issuer: CO_ENS,
        proof: { cryptosuite: 'eddsa-rdfc-2022' },
      });
    });

    it('refuses both Basic and body credentials (invalid_request)', async () => {
      const res = await tokenRequest(
        {
          grant_type: 'client_credentials',
          client_id: issuing.clientId,
          client_secret: issuing.clientSecret,
          scope: 'read:/issuer/credentials',
        },
        basic(issuing.clientId, issuing.clientSecret),
      );
      expectOAuthError(res, 400, 'invalid_request');
    });

    it('refuses a wrong secret (invalid_client), with a Basic challenge when Basic was tried', async () => {
      const inBody = await tokenRequest({
        grant_type: 'client_credentials',
        client_id: readOnly.clientId,
        client_secret: `${issuing.clientSecret}x`,
        scope: 'read:/issuer/credentials',
      });
      expectOAuthError(inBody, 401, 'invalid_client');
      expect(inBody.headers['www-authenticate']).toBeUndefined();
      const viaBasic = await tokenRequest(
        { grant_type: 'client_credentials', scope: 'read:/issuer/credentials' },
        basic(readOnly.clientId, 'rcs_wrong'),
      );
      expectOAuthError(viaBasic, 401, 'invalid_client');
      expect(viaBasic.headers['www-authenticate']).toMatch(/^Basic /);
      const unknown = await tokenRequest({
        grant_type: 'client_credentials',
        client_id: 'rcc_unknownunknownunknow',
        client_secret: issuing.clientSecret,
        scope: 'read:/issuer/credentials',
      });
      expectOAuthError(unknown, 401, 'invalid_client');
      expect(JSON.stringify([inBody.body, viaBasic.body])).not.toContain(issuing.clientSecret);
    });

    it('refuses another grant type (unsupported_grant_type) and a missing one', async () => {
      const password = await tokenRequest({
        grant_type: 'password',
        client_id: issuing.clientId,
        client_secret: issuing.clientSecret,
        scope: 'read:/issuer/credentials',
      });
      expectOAuthError(password, 400, 'unsupported_grant_type');
      const missing = await tokenRequest({
        client_id: issuing.clientId,
        client_secret: issuing.clientSecret,
      });
      expectOAuthError(missing, 400, 'invalid_request');
    });

    it('refuses a missing, unknown or ungranted scope (invalid_scope)', async () => {
      const form = {
        grant_type: 'client_credentials',
        client_id: readOnly.clientId,
        client_secret: readOnly.clientSecret,
      };
      expectOAuthError(await tokenRequest(form), 400, 'invalid_scope');
      expectOAuthError(
        await tokenRequest({ ...form, scope: 'write:/everything' }),
        400,
        'invalid_scope',
      );
      const ungranted = await tokenRequest({
        ...form,
        scope: 'read:/issuer/credentials write:/issuer/credentials',
      });
      expectOAuthError(ungranted, 400, 'invalid_scope');
      expect(ungranted.body.error_description).toContain('write:/issuer/credentials');
    });

    it('refuses another audience and a JSON body (invalid_request)', async () => {
      const audience = await tokenRequest({
        grant_type: 'client_credentials',
        client_id: readOnly.clientId,
        client_secret: readOnly.clientSecret,
        scope: 'read:/issuer/credentials',
        audience: 'https://elsewhere.example',
      });
      expectOAuthError(audience, 400, 'invalid_request');
      const json = await t.http.post('/oauth/token').send({
        grant_type: 'client_credentials',
        client_id: readOnly.clientId,
        client_secret: readOnly.clientSecret,
        scope: 'read:/issuer/credentials',
      });
      expectOAuthError(json, 400, 'invalid_request');
    });

    it('locks a client after repeated wrong secrets, even for the right one', async () => {
      const locked = await createClient('co-ens', ['read:/issuer']);
      const attempt = (secret: string) =>
        tokenRequest({
          grant_type: 'client_credentials',
          client_id: locked.clientId,
          client_secret: secret,
          scope: 'read:/issuer',
        });
      for (let i = 0; i < 3; i++)
        expectOAuthError(await attempt('rcs_wrong'), 401, 'invalid_client');
      const res = await attempt(locked.clientSecret);
      expectProblem(res, 429, 'RATE_LIMITED');
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      // Another client is not locked by it.
      expect((await tokenFor(readOnly, 'read:/issuer/credentials')).length).toBeGreaterThan(0);
    });
  });

  describe('access tokens on issuer routes', () => {
    it('refuses a token outside its scope (insufficient_scope) and stores nothing', async () => {
      const token = await tokenFor(readOnly, 'read:/issuer/credentials');
      const before = await count('credential');
      const single = await t.http
        .post('/issuer/credentials')
        .set(bearer(token))
        .send(certificateBody());
      expectProblem(single, 403, 'INSUFFICIENT_SCOPE');
      expect(single.headers['www-authenticate']).toBe(
        'Bearer error="insufficient_scope", scope="write:/issuer/credentials"',
      );
      const vcApi = await t.http
        .post('/credentials/issue')
        .set(bearer(token))
        .send(vcApiIssueBody(CO_ENS));
      expectProblem(vcApi, 403, 'INSUFFICIENT_SCOPE');
      const batch = await t.http
        .post('/issuer/credentials/batch')
        .set(bearer(token))
        .send([certificateBody()]);
      expectProblem(batch, 403, 'INSUFFICIENT_SCOPE');
      const me = await t.http.get('/issuer/me').set(bearer(token));
      expectProblem(me, 403, 'INSUFFICIENT_SCOPE');
      expect(await count('credential')).toBe(before);
      expect((await t.http.get('/issuer/credentials').set(bearer(token))).status).toBe(200);
      const admin = await t.http.get('/admin/issuers/co-ens/api-keys').set(bearer(token));
      expectProblem(admin, 403, 'FORBIDDEN');
    });

    it('takes the W3C VC API status, read and withdrawal routes by their own scopes', async () => {
      const issued = await t.http
        .post('/credentials/issue')
        .set(bearer(key))
        .send(vcApiIssueBody(CO_ENS));
      expect(issued.status).toBe(201);
      const id = issued.body.verifiableCredential.id as string;
      const path = `/credentials/${encodeURIComponent(id)}`;
      const status = (token: string) =>
        t.http
          .post('/credentials/status')
          .set(bearer(token))
          .send({
            credentialId: id,
            credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: 'suspension' },
            status: true,
          });
      const client = await createClient('co-ens', [
        'read:/credentials',
        'write:/credentials/status',
      ]);
      const reader = await tokenFor(client, 'read:/credentials');
      const refused = await status(reader);
      expectProblem(refused, 403, 'INSUFFICIENT_SCOPE');
      expect(refused.headers['www-authenticate']).toContain('scope="write:/credentials/status"');
      expect((await t.http.get(path).set(bearer(reader))).status).toBe(200);
      expectProblem(await t.http.delete(path).set(bearer(reader)), 403, 'INSUFFICIENT_SCOPE');
      const writer = await tokenFor(client, 'write:/credentials/status');
      expect((await status(writer)).status).toBe(200);
      expect((await t.http.delete(path).set(bearer(writer))).status).toBe(202);
    });

    it("keeps an issuer's token to its own credentials", async () => {
      const created = await t.http
        .post('/issuer/credentials')
        .set(bearer(key))
        .send(certificateBody());
      expect(created.status).toBe(201);
      const foreign = await tokenFor(otherIssuer, 'read:/issuer/credentials read:/issuer');
      const res = await t.http.get(`/issuer/credentials/${created.body.id}`).set(bearer(foreign));
      expectProblem(res, 404, 'NOT_FOUND');
      const list = await t.http.get('/issuer/credentials').set(bearer(foreign));
      expect(list.body.items.map((c: { id: string }) => c.id)).not.toContain(created.body.id);
      const me = await t.http.get('/issuer/me').set(bearer(foreign));
      expect(me.body.slug).toBe('pe-dcl');
      // pe-dcl's API key sees it no more than its token does.
      expect(
        (await t.http.get(`/issuer/credentials/${created.body.id}`).set(bearer(otherKey))).status,
      ).toBe(404);
    });

    it('refuses an expired token, one for another audience and one signed by another key', async () => {
      const grant = {
        clientId: issuing.clientId,
        issuerDid: CO_ENS,
        scopes: ['read:/issuer/credentials'] as const,
      };
      const secret = t.config.secrets.SESSION_SECRET;
      const hourAgo = () => Date.now() - 3600_000;
      const tokens = [
        (await new OAuthAccessTokens(secret, INSTANCE, 600, hourAgo).sign(grant)).token,
        (await new OAuthAccessTokens(secret, 'https://elsewhere.example', 600).sign(grant)).token,
        (await new OAuthAccessTokens(testSecrets().SESSION_SECRET, INSTANCE, 600).sign(grant))
          .token,
      ];
      for (const token of tokens) {
        const res = await t.http.get('/issuer/credentials').set(bearer(token));
        expectProblem(res, 401, 'INVALID_TOKEN');
        expect(res.headers['www-authenticate']).toBe(
          'Bearer realm="reconoce", error="invalid_token"',
        );
      }
      // The same grant, signed now by the real key, is accepted: the refusals were the claims.
      const fresh = (await new OAuthAccessTokens(secret, INSTANCE, 600).sign(grant)).token;
      expect((await t.http.get('/issuer/credentials').set(bearer(fresh))).status).toBe(200);
    });

    it('refuses the tokens and the secret of a revoked client at once', async () => {
      const client = await createClient('co-ens', ['read:/issuer/credentials']);
      const token = await tokenFor(client, 'read:/issuer/credentials');
      expect((await t.http.get('/issuer/credentials').set(bearer(token))).status).toBe(200);
      const revoked = await asAdmin(t).delete(`/admin/issuers/co-ens/oauth-clients/${client.id}`);
      expect(revoked.status).toBe(204);
      expectProblem(
        await t.http.get('/issuer/credentials').set(bearer(token)),
        401,
        'INVALID_TOKEN',
      );
      const again = await tokenRequest({
        grant_type: 'client_credentials',
        client_id: client.clientId,
        client_secret: client.clientSecret,
        scope: 'read:/issuer/credentials',
      });
      expectOAuthError(again, 401, 'invalid_client');
      expectProblem(
        await asAdmin(t).delete(`/admin/issuers/co-ens/oauth-clients/${client.id}`),
        409,
        'CONFLICT',
      );
      expectProblem(
        await asAdmin(t).delete(`/admin/issuers/pe-dcl/oauth-clients/${issuing.id}`),
        404,
        'NOT_FOUND',
      );
      const [event] = await t.dataSource.query<{ data: { clientId: string } }[]>(
        `SELECT data FROM audit_event WHERE action = 'oauth_client.revoked'`,
      );
      expect(event.data.clientId).toBe(client.clientId);
    });

    it("refuses a suspended issuer's token, and gives its clients no new one", async () => {
      const token = await tokenFor(otherIssuer, 'read:/issuer');
      const suspended = await asAdmin(t).patch('/admin/issuers/pe-dcl', {
        status: 'SUSPENDED',
        reason: 'Prueba de suspensión (ficticia)',
      });
      expect(suspended.status).toBe(200);
      expectProblem(await t.http.get('/issuer/me').set(bearer(token)), 403, 'ISSUER_SUSPENDED');
      const res = await tokenRequest({
        grant_type: 'client_credentials',
        client_id: otherIssuer.clientId,
        client_secret: otherIssuer.clientSecret,
        scope: 'read:/issuer',
      });
      expectOAuthError(res, 400, 'unauthorized_client');
    });

    it('never logs a client secret or an access token', async () => {
      const token = await tokenFor(issuing, 'read:/issuer/credentials');
      await t.http.get('/issuer/credentials').set(bearer(token));
      const logged = lines.join('\n');
      expect(logged).toContain('/oauth/token');
      for (const client of [issuing, readOnly, otherIssuer]) {
        expect(logged).not.toContain(client.clientSecret);
      }
      expect(logged).not.toContain(token);
    });

    // Last: it spends the client address's budget of token requests.
    it('limits token requests per client address (429 problem+json)', async () => {
      let res: Response | undefined;
      for (let i = 0; i < 61 && res?.status !== 429; i++) {
        res = await tokenRequest({ grant_type: 'client_credentials' });
      }
      expectProblem(res!, 429, 'RATE_LIMITED');
      expect(Number(res!.headers['retry-after'])).toBeGreaterThan(0);
    });
  });
});
