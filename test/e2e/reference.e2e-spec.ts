import { DataSource } from 'typeorm';
import { seedReferenceData } from '../../src/modules/reference/reference-data.seed.js';
import { ReferenceService } from '../../src/modules/reference/reference.service.js';
import { expectProblem } from '../helpers/problem.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

interface Level {
  level: number;
  name: { es: string; pt: string; en: string };
  metaFramework: string | null;
  metaLevel: number | null;
}
const field = <T>(items: unknown, key: keyof T) => (items as T[]).map((item) => item[key]);

interface Framework {
  code: string;
  kind: string;
  country: string | null;
  levelCount: number;
  levels: Level[];
}

describe('reference data (SEED_DEMO=false)', () => {
  let t: TestApp;
  let db: DataSource;
  beforeAll(async () => {
    t = await startTestApp();
    db = t.app.get(DataSource);
  });
  afterAll(() => t.close());

  const count = async (table: string) =>
    Number((await db.query<{ n: string }[]>(`SELECT count(*) AS n FROM ${table}`))[0].n);

  it('is present on a fresh database without the demo region', async () => {
    expect(t.config.seedDemo).toBe(false);
    expect(await count('country')).toBeGreaterThanOrEqual(249);
    expect(await count('isced_level')).toBe(9);
    expect(await count('isced_field')).toBeGreaterThanOrEqual(21);
    expect(await count('isco08_group')).toBeGreaterThanOrEqual(15);
    expect(await count('framework')).toBe(5);
    expect(await count('framework_level')).toBe(34);
    expect(await count('occupational_standard')).toBe(7);
  });

  describe('GET /frameworks', () => {
    let frameworks: Map<string, Framework>;
    beforeAll(async () => {
      const res = await t.http.get('/frameworks');
      expect(res.status).toBe(200);
      const items = res.body.items as Framework[];
      expect(items[0].code).toBe('MRR-LAC');
      frameworks = new Map(items.map((framework) => [framework.code, framework]));
    });

    it('lists the regional meta-framework and the national frameworks of CO, PE, CL and EC', () => {
      expect([...frameworks.keys()].sort()).toEqual([
        'CL-MCTP',
        'CO-MNC',
        'EC-CNC',
        'MRR-LAC',
        'PE-MNC',
      ]);
      expect(
        Object.fromEntries([...frameworks.values()].map((f) => [f.code, [f.country, f.kind]])),
      ).toEqual({
        'MRR-LAC': [null, 'REGIONAL_META'],
        'CO-MNC': ['CO', 'NATIONAL'],
        'PE-MNC': ['PE', 'NATIONAL'],
        'CL-MCTP': ['CL', 'NATIONAL'],
        'EC-CNC': ['EC', 'NATIONAL'],
      });
    });

    it('gives MRR-LAC its 8 named levels, from básico to doctorado', () => {
      const meta = frameworks.get('MRR-LAC');
      expect(meta?.levelCount).toBe(8);
      expect(meta?.levels.map((level) => level.name.es)).toEqual([
        'Básico',
        'Operativo',
        'Técnico operativo',
        'Técnico',
        'Técnico superior',
        'Profesional (grado)',
        'Maestría',
        'Doctorado',
      ]);
      expect(meta?.levels[7].name).toEqual({ es: 'Doctorado', pt: 'Doutorado', en: 'Doctorate' });
    });

    it('references CO and PE levels 1–8 and CL and EC levels 1–5 to the same meta level', () => {
      for (const [code, levels] of [
        ['CO-MNC', 8],
        ['PE-MNC', 8],
        ['CL-MCTP', 5],
        ['EC-CNC', 5],
      ] as const) {
        const framework = frameworks.get(code);
        expect({ code, levelCount: framework?.levelCount }).toEqual({ code, levelCount: levels });
        expect(framework?.levels.map((l) => [l.level, l.metaFramework, l.metaLevel])).toEqual(
          Array.from({ length: levels }, (_, i) => [i + 1, 'MRR-LAC', i + 1]),
        );
      }
      expect(frameworks.get('CL-MCTP')?.levels[4]).toEqual({
        level: 5,
        name: { es: 'Nivel 5', pt: 'Nível 5', en: 'Level 5' },
        metaFramework: 'MRR-LAC',
        metaLevel: 5,
      });
    });
  });

  describe('GET /frameworks/:code', () => {
    it('answers one framework with its levels', async () => {
      const res = await t.http.get('/frameworks/CL-MCTP');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ code: 'CL-MCTP', country: 'CL', levelCount: 5 });
      expect(res.body.levels).toHaveLength(5);
    });

    it('answers 404 NOT_FOUND for an unknown framework', async () => {
      expectProblem(await t.http.get('/frameworks/XX-NONE'), 404, 'NOT_FOUND');
      expectProblem(await t.http.get('/frameworks/co-mnc'), 404, 'NOT_FOUND');
    });
  });

  describe('GET /reference/countries', () => {
    it('names every country in the language asked for', async () => {
      const res = await t.http.get('/reference/countries?lang=pt');
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeGreaterThanOrEqual(249);
      expect(res.body.items).toContainEqual({ code: 'CO', name: 'Colômbia' });
      const spanish = await t.http.get('/reference/countries');
      expect(spanish.body.items).toContainEqual({ code: 'PE', name: 'Perú' });
    });

    it('refuses an unknown language with 400 naming the field', async () => {
      const res = await t.http.get('/reference/countries?lang=fr');
      expectProblem(res, 400, 'VALIDATION_FAILED');
      expect(field<{ path: string }>(res.body.errors, 'path')).toEqual(['lang']);
    });
  });

  describe('GET /reference/standards', () => {
    it('lists the standards, optionally of one country', async () => {
      const all = await t.http.get('/reference/standards');
      expect(all.status).toBe(200);
      expect(all.body.items).toHaveLength(7);
      const peru = await t.http.get('/reference/standards?country=PE');
      expect(field<{ id: string }>(peru.body.items, 'id')).toEqual(['std-pe-coc', 'std-pe-cuid']);
      expectProblem(await t.http.get('/reference/standards?country=pe'), 400, 'VALIDATION_FAILED');
    });

    it('answers one standard by id or by code, with its units and meta level', async () => {
      const byId = await t.http.get('/reference/standards/std-pe-coc');
      expect(byId.status).toBe(200);
      expect(byId.body).toMatchObject({
        id: 'std-pe-coc',
        code: 'PE-DEMO-COC-01',
        owner: 'pe-dcl',
        country: 'PE',
        isco08: '5120',
        framework: 'PE-MNC',
        level: 3,
        metaLevel: 3,
      });
      expect(field<{ code: string }>(byId.body.units, 'code')).toEqual([
        'UC1',
        'UC2',
        'UC3',
        'UC4',
      ]);
      const byCode = await t.http.get('/reference/standards/299903010');
      expect(byCode.body).toMatchObject({ id: 'std-co-cuid', version: '1', isco08: '5322' });
      expectProblem(await t.http.get('/reference/standards/std-none'), 404, 'NOT_FOUND');
    });
  });

  it('answers other modules inside their transaction', async () => {
    const reference = t.app.get(ReferenceService);
    const answers = await db.transaction(async (manager) => [
      await reference.countryExists('EC'),
      await reference.isIscedField('0913'),
      await reference.isIsco08('9412'),
      await reference.metaLevelOf('CL-MCTP', 5, manager),
      (await reference.getFramework('EC-CNC', manager))?.levelCount,
      (await reference.getStandard('std-cl-ayc', { manager }))?.metaLevel,
    ]);
    expect(answers).toEqual([true, true, true, 5, 5, 2]);
  });

  describe('seeding again', () => {
    it('changes nothing, restores code-owned names and keeps governance edits', async () => {
      await db.query(`UPDATE country SET name_en = 'Changed' WHERE code = 'CO'`);
      await db.query(`UPDATE framework SET name_en = 'Edited by governance' WHERE code = 'CO-MNC'`);
      const before = await Promise.all(
        ['country', 'isced_field', 'isco08_group', 'framework_level', 'occupational_standard'].map(
          count,
        ),
      );

      await db.transaction((manager) => seedReferenceData(manager));

      const after = await Promise.all(
        ['country', 'isced_field', 'isco08_group', 'framework_level', 'occupational_standard'].map(
          count,
        ),
      );
      expect(after).toEqual(before);
      const [co] = await db.query<{ name_en: string }[]>(
        `SELECT name_en FROM country WHERE code = 'CO'`,
      );
      expect(co.name_en).toBe('Colombia');
      const res = await t.http.get('/frameworks/CO-MNC');
      expect(res.body.name.en).toBe('Edited by governance');
    });
  });
});
