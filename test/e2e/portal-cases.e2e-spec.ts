import { createHash } from 'node:crypto';
import { PNG } from 'pngjs';
import type { Test } from 'supertest';
import { DemoSeedService } from '../../src/modules/demo/demo-seed.service.js';
import { CASE_FILE_MAX_BYTES } from '../../src/modules/recognition-cases/recognition-cases.constants.js';
import { asAdmin } from '../helpers/admin.js';
import {
  certificateBody,
  conditionalDecisionBody,
  venezuelanTitleBody,
  type TestHolder,
} from '../helpers/bodies.js';
import { issueTo, registerHolder } from '../helpers/holders.js';
import { portalSession, type PortalSession } from '../helpers/portal.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

const PASSWORD = 'mi perro se llama Toby 2019';
// Stands for Bruno's credential in a test table written before it is issued.
const BRUNOS = 'brunos-credential';

// Rafael: a Venezuelan nurse in Colombia whose title was never apostilled.
const rafael = (): TestHolder => ({
  documents: [{ type: 'PPT', country: 'CO', number: 'DEMO-PPT-5151' }],
  givenNames: 'Rafael',
  familyNames: 'Demo Úrsula',
});
// Bruno: another holder, who must see and change nothing of Rafael's cases.
const bruno = (): TestHolder => ({
  documents: [{ type: 'PPT', country: 'CO', number: 'DEMO-PPT-5252' }],
  givenNames: 'Bruno',
  familyNames: 'Demo Salas',
});

// Files as a browser sends them: bytes, a name, and whatever type the browser guessed.
interface Upload {
  name: string;
  content: Buffer;
  type: string;
}
const pdf = (name = 'Título escaneado.pdf'): Upload => ({
  name,
  content: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n'),
  type: 'application/pdf',
});
const png = (name = 'plan de estudios.png'): Upload => ({
  name,
  content: PNG.sync.write(new PNG({ width: 2, height: 2 })),
  type: 'image/png',
});
const textNamedPdf = (): Upload => ({
  name: 'titulo.pdf',
  content: Buffer.from('just text, named .pdf\n'),
  type: 'application/pdf',
});
const oversizedPdf = (): Upload => ({
  name: 'grande.pdf',
  content: Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(CASE_FILE_MAX_BYTES, 0x20)]),
  type: 'application/pdf',
});

/** A multipart form as the browser sends it, fields in the page's order, files last. */
function multipart(req: Test, fields: Record<string, string | string[]>, files: Upload[] = []) {
  let sent = req;
  for (const [name, value] of Object.entries(fields)) {
    for (const one of Array.isArray(value) ? value : [value]) sent = sent.field(name, one);
  }
  for (const file of files) {
    sent = sent.attach('files', file.content, { filename: file.name, contentType: file.type });
  }
  return sent;
}

describe('the portal’s recognition cases: open, answer and withdraw through HTML forms', () => {
  let t: TestApp;
  let men: string;
  let titleId: string;
  let brunosId: string;
  let holder: PortalSession;
  let other: PortalSession;
  let caseId: string;

  const count = async (table: string) =>
    (await t.dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM ${table}`))[0].n;
  const stored = async () => ({
    cases: await count('recognition_case'),
    messages: await count('recognition_case_message'),
    files: await count('recognition_case_file'),
  });
  const statusOf = async (id: string) =>
    (
      await t.dataSource.query<{ status: string }[]>(
        'SELECT status FROM recognition_case WHERE id = $1',
        [id],
      )
    )[0].status;
  const asMen = (url: string, body: object = {}) =>
    t.http.post(url).set('Authorization', `Bearer ${men}`).send(body);
  const openForm = (overrides: Record<string, string | string[]> = {}) => ({
    country: 'CO',
    purpose: 'ACADEMIC_CONTINUATION',
    credentials: [titleId],
    legalisation: 'NONE',
    statement: 'No pude apostillar mi título en Venezuela.\nTengo el original.',
    ...overrides,
  });
  const postOpen = async (
    session: PortalSession,
    fields: Record<string, string | string[]>,
    files: Upload[] = [],
    csrf?: string,
  ) =>
    multipart(
      session.post('/portal/cases'),
      { _csrf: csrf ?? (await session.csrf('/portal/cases/new')), ...fields },
      files,
    );

  beforeAll(async () => {
    t = await startTestApp();
    const coEns = (await t.app.get(DemoSeedService).seed()).apiKey!.key;
    const apiKey = async (slug: string) =>
      (await asAdmin(t).post(`/admin/issuers/${slug}/api-keys`)).body.apiKey as string;
    men = await apiKey('co-men-demo');
    const title = await issueTo(t, await apiKey('ve-unc'), venezuelanTitleBody(rafael()));
    titleId = title.id;
    await registerHolder(t, rafael().documents[0], title.claimCode, PASSWORD);
    const brunos = await issueTo(t, coEns, certificateBody({ holder: bruno() }));
    brunosId = brunos.id;
    await registerHolder(t, bruno().documents[0], brunos.claimCode, PASSWORD);
    holder = await portalSession(t, rafael().documents[0], PASSWORD);
    other = await portalSession(t, bruno().documents[0], PASSWORD);
  }, 180_000);
  afterAll(() => t?.close());

  it('the form offers destinations, the holder’s credentials, the legalisation routes in words and what happens next', async () => {
    const list = await holder.get('/portal/cases');
    expect(list.text).toContain('href="/portal/cases/new"');
    const res = await holder.get('/portal/cases/new');
    expect(res.status).toBe(200);
    expect(res.text).toContain('enctype="multipart/form-data"');
    expect(res.text).toContain('<option value="CO">Colombia</option>');
    expect(res.text).toContain(`name="credentials" value="${titleId}"`);
    expect(res.text).not.toContain(brunosId);
    for (const route of ['APOSTILLE', 'CONSULAR', 'ALT_MECHANISM', 'WAIVED_BY_COURT']) {
      expect(res.text).toContain(`name="legalisation" value="${route}"`);
    }
    expect(res.text).toContain('Un juez o una autoridad ordenó no exigir la legalización.');
    expect(res.text).toContain('Qué pasa después');
    expect(res.text).toContain('Plazo legal: 180 días calendario.');
    expect(res.text).toContain('30 días hábiles, sin contar los feriados del país');
    expect(res.text).toContain('La ley entiende el silencio como negativa: puede recurrir.');
    expect(res.text).not.toMatch(/<script(?![^>]*src=)/);
    const pt = await holder.get('/portal/cases/new?lang=pt');
    expect(pt.text).toContain('Pedir um reconhecimento');
    expect(pt.text).toContain('Dispensa judicial');
    // The language chosen is remembered; back to Spanish.
    await holder.get('/portal/cases?lang=es');
  });

  describe('refused forms store nothing and come back with the field’s message', () => {
    it.each([
      [
        'a text file named .pdf',
        {},
        [textNamedPdf()],
        415,
        'Solo se aceptan archivos PDF, PNG o JPEG.',
      ],
      [
        'a file over 512 KB',
        {},
        [oversizedPdf()],
        413,
        'Cada archivo debe tener contenido y pesar 512 KB como máximo.',
      ],
      [
        'four files',
        {},
        [pdf('a.pdf'), pdf('b.pdf'), pdf('c.pdf'), pdf('d.pdf')],
        400,
        'Puede adjuntar 3 archivos como máximo.',
      ],
      [
        'a credential of another holder',
        { credentials: [BRUNOS] },
        [pdf()],
        404,
        'Elija credenciales de su cuenta.',
      ],
      ['no credential', { credentials: [] }, [], 400, 'Elija al menos una credencial.'],
      ['an unknown legalisation', { legalisation: 'STAMPED' }, [], 400, 'Revise este dato.'],
      [
        'no country',
        { country: '' },
        [],
        400,
        'País donde pide el reconocimiento: Complete este campo.',
      ],
      [
        'a country without an authority',
        { country: 'AR' },
        [],
        422,
        'No hay una sola autoridad competente',
      ],
    ])('%s', async (_name, overrides, files, status, message) => {
      const before = await stored();
      const chosen = (overrides as { credentials?: string[] }).credentials;
      const credentials = chosen?.map((id) => (id === BRUNOS ? brunosId : id));
      const res = await postOpen(
        holder,
        openForm({ ...overrides, ...(credentials ? { credentials } : {}) }),
        files,
      );
      expect(res.status).toBe(status);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.text).toContain(message);
      expect(res.text).toContain('role="alert"');
      // What the person typed comes back, ready to send again.
      expect(res.text).toContain('No pude apostillar mi título en Venezuela.');
      expect(await stored()).toEqual(before);
      expect(before.cases).toBe(0);
    });

    it('a malformed multipart body is a 400 page, one declared over 32 MiB a 413 page', async () => {
      const csrf = await holder.csrf('/portal/cases/new');
      const noBoundary = await holder
        .post('/portal/cases')
        .set('Content-Type', 'multipart/form-data')
        .send(`_csrf=${csrf}`);
      expect(noBoundary.status).toBe(400);
      expect(noBoundary.headers['content-type']).toMatch(/^text\/html/);
      const cut = await holder
        .post('/portal/cases')
        .set('Content-Type', 'multipart/form-data; boundary=xyz')
        .send(`--xyz\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${csrf}\r\n--xy`);
      expect(cut.status).toBe(400);
      const huge = await holder
        .post('/portal/cases')
        .set('Content-Type', 'multipart/form-data; boundary=xyz')
        .set('Content-Length', String(33 * 1024 * 1024))
        .send('--xyz--\r\n')
        .catch((error: { response?: { status: number } }) => error.response);
      expect(huge?.status).toBe(413);
      expect(await stored()).toEqual({ cases: 0, messages: 0, files: 0 });
    });

    it('without the CSRF token, or with another session’s, nothing is read into a case', async () => {
      const missing = await multipart(holder.post('/portal/cases'), openForm(), [pdf()]);
      expect(missing.status).toBe(403);
      const brunos = await postOpen(holder, openForm(), [pdf()], await other.csrf());
      expect(brunos.status).toBe(403);
      const anonymous = await multipart(t.http.post('/portal/cases'), openForm(), [pdf()]);
      expect(anonymous.status).toBe(403);
      expect(await stored()).toEqual({ cases: 0, messages: 0, files: 0 });
    });
  });

  it('opens a case with a file: verified evidence, the deadline, the file back as sent', async () => {
    const res = await postOpen(holder, openForm(), [pdf()]);
    expect(res.status).toBe(303);
    const location = res.headers.location;
    expect(location).toMatch(/^\/portal\/cases\/[0-9a-f-]{36}\?done=caseOpened$/);
    caseId = location.slice('/portal/cases/'.length, location.indexOf('?'));
    const [row] = await t.dataSource.query<Record<string, unknown>[]>(
      'SELECT status, legalisation, purpose, credential_ids, destination_country FROM recognition_case',
    );
    expect(row).toMatchObject({
      status: 'SUBMITTED',
      legalisation: 'NONE',
      purpose: 'ACADEMIC_CONTINUATION',
      destination_country: 'CO',
      credential_ids: [titleId],
    });
    const page = await holder.get(location);
    expect(page.text).toContain('Enviamos su pedido. El plazo legal empieza hoy.');
    expect(page.text).toContain('Presentado');
    expect(page.text).toMatch(/hasta el \d+ de \w+ de \d{4} \(\d+ días que faltan\)/);
    expect(page.text).toContain('Tengo el original.');
    expect(page.text).toContain(`href="/portal/credentials/${titleId}"`);
    expect(page.text).toContain(`href="/portal/cases/${caseId}/withdraw"`);
    expect(page.text).not.toContain('Responder a la autoridad');
    const link = /href="(\/portal\/cases\/[^"]+\/files\/[^"]+)">Titulo escaneado\.pdf</.exec(
      page.text,
    );
    expect(link).not.toBeNull();
    const file = await holder.get(link![1]);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['content-disposition']).toContain('attachment');
    const [fileRow] = await t.dataSource.query<{ sha256: string }[]>(
      'SELECT sha256 FROM recognition_case_file',
    );
    expect(fileRow.sha256).toBe(createHash('sha256').update(pdf().content).digest('hex'));
  });

  it('another holder sees nothing of it and can neither answer nor withdraw it', async () => {
    expect((await other.get(`/portal/cases/${caseId}`)).status).toBe(404);
    expect((await other.get('/portal/cases')).text).not.toContain(caseId);
    const csrf = await other.csrf();
    const withdraw = await other
      .post(`/portal/cases/${caseId}/withdraw`)
      .type('form')
      .send({ _csrf: csrf, confirm: 'yes' });
    expect(withdraw.status).toBe(404);
    const answer = await multipart(other.post(`/portal/cases/${caseId}/answers`), {
      _csrf: csrf,
      message: 'No es mío',
    });
    expect(answer.status).toBe(404);
    expect(await statusOf(caseId)).toBe('SUBMITTED');
    expect(await count('recognition_case_message')).toBe(1);
  });

  describe('when the authority asks for information', () => {
    beforeAll(async () => {
      const res = await asMen(`/authority/cases/${caseId}/info-requests`, {
        message: 'Adjunte el plan de estudios.',
      });
      expect(res.status).toBe(200);
    });

    const answer = async (fields: Record<string, string>, files: Upload[] = []) =>
      multipart(
        holder.post(`/portal/cases/${caseId}/answers`),
        { _csrf: await holder.csrf(`/portal/cases/${caseId}`), ...fields },
        files,
      );

    it('the case page shows the request, the stopped clock and the answer form', async () => {
      const page = await holder.get(`/portal/cases/${caseId}`);
      expect(page.text).toContain('Le piden información');
      expect(page.text).toContain('Adjunte el plan de estudios.');
      expect(page.text).toContain('Detenido mientras responde a la solicitud de información');
      expect(page.text).toContain(`action="/portal/cases/${caseId}/answers"`);
    });

    it.each([
      ['no text', { message: '' }, [png()], 400, 'Complete este campo.'],
      ['a bad file', { message: 'Aquí está.' }, [textNamedPdf()], 415, 'Solo se aceptan archivos'],
      ['an oversized file', { message: 'Aquí está.' }, [oversizedPdf()], 413, 'pesar 512 KB'],
    ])(
      'an answer with %s is refused and stores nothing',
      async (_n, fields, files, status, text) => {
        const before = await stored();
        const res = await answer(fields, files);
        expect(res.status).toBe(status);
        expect(res.text).toContain(text);
        expect(await stored()).toEqual(before);
        expect(await statusOf(caseId)).toBe('INFO_REQUESTED');
      },
    );

    it('an answer without the CSRF token is refused', async () => {
      const res = await multipart(holder.post(`/portal/cases/${caseId}/answers`), {
        message: 'Aquí está.',
      });
      expect(res.status).toBe(403);
      expect(await statusOf(caseId)).toBe('INFO_REQUESTED');
    });

    it('the holder answers with a file: back in review, the clock runs again', async () => {
      const res = await answer({ message: 'Aquí está el plan de estudios.' }, [png()]);
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe(`/portal/cases/${caseId}?done=caseAnswered`);
      expect(await statusOf(caseId)).toBe('IN_REVIEW');
      expect(await count('recognition_case_file')).toBe(2);
      const page = await holder.get(res.headers.location);
      expect(page.text).toContain('Enviamos su respuesta; el plazo vuelve a correr.');
      expect(page.text).toContain('Aquí está el plan de estudios.');
      expect(page.text).toContain('plan de estudios.png</a>');
      expect(page.text).not.toContain(`action="/portal/cases/${caseId}/answers"`);
      const again = await answer({ message: 'Otra vez.' });
      expect(again.status).toBe(409);
      expect(again.text).toContain('El pedido ya no espera su respuesta.');
      expect(await count('recognition_case_message')).toBe(3);
    });
  });

  it('once decided, the holder sees the decision and its credential', async () => {
    const res = await asMen(`/authority/cases/${caseId}/decision`, conditionalDecisionBody());
    expect(res.status).toBe(200);
    const decisionId = res.body.decisionCredentialId as string;
    const page = await holder.get(`/portal/cases/${caseId}`);
    expect(page.text).toContain('Decidido');
    expect(page.text).toContain('Reconocido con condiciones');
    expect(page.text).toContain('DEMO-RES-2026-0042');
    expect(page.text).toContain('Examen de salud pública (demo)');
    expect(page.text).toContain(`href="/portal/credentials/${decisionId}"`);
    expect(page.text).not.toContain(`/portal/cases/${caseId}/withdraw`);
    // The messages in order: the request, the authority's question, the answer.
    const order = ['Su solicitud', 'La autoridad pide información', 'Su respuesta'].map((h) =>
      page.text.indexOf(h),
    );
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect((await holder.get(`/portal/cases/${caseId}/withdraw`)).status).toBe(303);
  });

  it('shows a passed term with what silence means; withdraws only after the confirmation', async () => {
    const opened = await postOpen(holder, openForm({ purpose: 'EMPLOYMENT', statement: '' }));
    expect(opened.status).toBe(303);
    const id = opened.headers.location.split('/')[3].split('?')[0];
    // Its 180 days long gone: the page says so, and what the law makes of the silence.
    await t.dataSource.query(
      "UPDATE recognition_case SET clock_since = '2025-01-02' WHERE id = $1",
      [id],
    );
    const overdue = await holder.get(`/portal/cases/${id}`);
    expect(overdue.text).toMatch(/El plazo venció el \d+ de \w+ de 2025\./);
    expect(overdue.text).toContain('La ley entiende el silencio como negativa: puede recurrir.');
    const confirm = await holder.get(`/portal/cases/${id}/withdraw`);
    expect(confirm.status).toBe(200);
    expect(confirm.text).toContain('¿Retirar este pedido?');
    expect(confirm.text).toContain('name="confirm" value="yes"');
    const csrf = await holder.csrf(`/portal/cases/${id}/withdraw`);
    const unconfirmed = await holder
      .post(`/portal/cases/${id}/withdraw`)
      .type('form')
      .send({ _csrf: csrf });
    expect(unconfirmed.status).toBe(303);
    expect(unconfirmed.headers.location).toBe(`/portal/cases/${id}/withdraw`);
    const forged = await holder
      .post(`/portal/cases/${id}/withdraw`)
      .type('form')
      .send({ confirm: 'yes' });
    expect(forged.status).toBe(403);
    expect(await statusOf(id)).toBe('SUBMITTED');
    const done = await holder
      .post(`/portal/cases/${id}/withdraw`)
      .type('form')
      .send({ _csrf: csrf, confirm: 'yes' });
    expect(done.status).toBe(303);
    expect(done.headers.location).toBe(`/portal/cases/${id}?done=caseWithdrawn`);
    expect(await statusOf(id)).toBe('WITHDRAWN');
    const page = await holder.get(done.headers.location);
    expect(page.text).toContain('Retiró el pedido.');
    expect(page.text).toContain('Retirado');
    const audit = await t.dataSource.query<{ action: string }[]>(
      'SELECT action FROM audit_event WHERE subject = $1 ORDER BY seq',
      [`case:${id}`],
    );
    expect(audit.map((a) => a.action)).toEqual(['case.submitted', 'case.withdrawn']);
  });
});
