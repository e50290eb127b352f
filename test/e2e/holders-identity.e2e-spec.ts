import { HolderIdentityService } from '../../src/modules/holder-identity/holder-identity.service.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

describe('holder identity (HolderIdentityService, as issuance uses it)', () => {
  let t: TestApp;
  let holders: HolderIdentityService;
  beforeAll(async () => {
    t = await startTestApp();
    holders = t.app.get(HolderIdentityService);
  });
  afterAll(() => t.close());

  const findOrCreate = (
    documents: { type: 'CEDULA' | 'PPT' | 'PASSPORT'; country: string; number: string }[],
    names = { givenNames: 'María', familyNames: 'Demo Rivas' },
  ) =>
    t.dataSource.transaction((manager) =>
      holders.findOrCreateByDocuments(manager, { documents, ...names }),
    );

  const documentsOf = (holderId: string) =>
    t.dataSource.query<{ type: string; issuing_country: string; last4: string }[]>(
      'SELECT type, issuing_country, last4 FROM identity_document WHERE holder_id = $1 ORDER BY type',
      [holderId],
    );

  it('recognises the same person however the document number was typed', async () => {
    const first = await findOrCreate([{ type: 'CEDULA', country: 'VE', number: 'V-00000001' }]);
    const second = await findOrCreate([{ type: 'CEDULA', country: 've', number: 'v00000001' }]);
    const third = await findOrCreate([{ type: 'CEDULA', country: 'VE', number: 'v 00.000.001' }]);

    expect(second.holder.id).toBe(first.holder.id);
    expect(third.holder.id).toBe(first.holder.id);
    expect(second.document.id).toBe(first.document.id);
    expect(first.holder).toMatchObject({ givenNames: 'María', familyNames: 'Demo Rivas' });
    expect(first.document).toMatchObject({
      holderId: first.holder.id,
      type: 'CEDULA',
      issuingCountry: 'VE',
      last4: '0001',
      numberHmac: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(await documentsOf(first.holder.id)).toEqual([
      { type: 'CEDULA', issuing_country: 'VE', last4: '0001' },
    ]);
  });

  it('links a second document given together to the same holder', async () => {
    const cedula = { type: 'CEDULA', country: 'VE', number: 'V-00000003' } as const;
    const ppt = { type: 'PPT', country: 'CO', number: 'DEMO-PPT-0003' } as const;
    const first = await findOrCreate([cedula]);
    const both = await findOrCreate([ppt, cedula]);

    expect(both.holder.id).toBe(first.holder.id);
    expect(both.document).toMatchObject({ type: 'PPT', issuingCountry: 'CO', last4: '0003' });
    expect(await documentsOf(first.holder.id)).toEqual([
      { type: 'CEDULA', issuing_country: 'VE', last4: '0003' },
      { type: 'PPT', issuing_country: 'CO', last4: '0003' },
    ]);

    // A later credential issued under the PPT alone finds the same person.
    const byPpt = await findOrCreate([{ ...ppt, number: 'demo ppt 0003' }]);
    expect(byPpt.holder.id).toBe(first.holder.id);
  });

  it('creates one holder with every document when none is known', async () => {
    const found = await findOrCreate(
      [
        { type: 'PASSPORT', country: 'VE', number: 'DEMO-P-0002' },
        { type: 'CEDULA', country: 'VE', number: 'V-00000002' },
        { type: 'PASSPORT', country: 'VE', number: 'demo p 0002' },
      ],
      { givenNames: 'José', familyNames: 'Demo Pérez' },
    );
    expect(found.document).toMatchObject({ type: 'PASSPORT', last4: '0002' });
    expect(await documentsOf(found.holder.id)).toHaveLength(2);
    expect(await holders.findById(found.holder.id)).toMatchObject({
      id: found.holder.id,
      givenNames: 'José',
      erasedAt: null,
    });
  });

  it('does not merge two holders whose documents are given together', async () => {
    const a = await findOrCreate([{ type: 'CEDULA', country: 'VE', number: 'V-00000005' }]);
    const b = await findOrCreate([{ type: 'PPT', country: 'CO', number: 'DEMO-PPT-0005' }]);
    expect(b.holder.id).not.toBe(a.holder.id);

    const both = await findOrCreate([
      { type: 'PPT', country: 'CO', number: 'DEMO-PPT-0005' },
      { type: 'CEDULA', country: 'VE', number: 'V-00000005' },
    ]);
    expect(both.holder.id).toBe(b.holder.id);
    expect(await documentsOf(a.holder.id)).toHaveLength(1);
    expect(await documentsOf(b.holder.id)).toHaveLength(1);
  });

  it('stores nothing when the transaction rolls back', async () => {
    const before = await t.dataSource.query<{ n: string }[]>('SELECT count(*) AS n FROM holder');
    await expect(
      t.dataSource.transaction(async (manager) => {
        await holders.findOrCreateByDocuments(manager, {
          documents: [{ type: 'CEDULA', country: 'VE', number: 'V-00000009' }],
          givenNames: 'Rolled',
          familyNames: 'Back',
        });
        throw new Error('signing failed');
      }),
    ).rejects.toThrow('signing failed');
    const after = await t.dataSource.query<{ n: string }[]>('SELECT count(*) AS n FROM holder');
    expect(after[0].n).toBe(before[0].n);
  });

  it('refuses malformed documents as misuse', async () => {
    await expect(findOrCreate([])).rejects.toThrow(TypeError);
    await expect(findOrCreate([{ type: 'CEDULA', country: 'VE', number: ' - ' }])).rejects.toThrow(
      TypeError,
    );
  });

  it('keeps no document number in clear anywhere in identity_document', async () => {
    const columns = await t.dataSource.query<{ column_name: string }[]>(
      `SELECT column_name FROM information_schema.columns
       WHERE table_schema = current_schema() AND table_name = 'identity_document'`,
    );
    expect(columns.length).toBeGreaterThan(0);
    const dump = await t.dataSource.query<Record<string, unknown>[]>(
      `SELECT ${columns.map((c) => `"${c.column_name}"::text AS "${c.column_name}"`).join(', ')}
       FROM identity_document`,
    );
    expect(dump.length).toBeGreaterThanOrEqual(7);
    const text = JSON.stringify(dump).toUpperCase();
    for (const number of ['00000001', '00000002', '00000003', '00000005', 'DEMOPPT', 'DEMOP0002']) {
      expect(text).not.toContain(number);
    }
    expect(text).not.toMatch(/V-?0000000/);
  });

  describe('concurrent issuance to the same new person', () => {
    it('creates one holder, whatever the order of the documents', async () => {
      const cedula = { type: 'CEDULA', country: 'VE', number: 'V-00000007' } as const;
      const ppt = { type: 'PPT', country: 'CO', number: 'DEMO-PPT-0007' } as const;
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          findOrCreate(i % 2 === 0 ? [cedula, ppt] : [{ ...ppt, number: 'demoppt0007' }, cedula]),
        ),
      );
      const ids = new Set(results.map((result) => result.holder.id));
      expect(ids.size).toBe(1);
      const [holderId] = [...ids];
      expect(await documentsOf(holderId)).toHaveLength(2);
      const orphans = await t.dataSource.query<{ n: string }[]>(
        `SELECT count(*) AS n FROM holder h
         WHERE NOT EXISTS (SELECT 1 FROM identity_document d WHERE d.holder_id = h.id)`,
      );
      expect(orphans[0].n).toBe('0');
    });
  });
});
