import type { EntityManager, Repository } from 'typeorm';
import { AppError } from '../../common/errors/app-error.js';
import type { AuditService } from '../audit/audit.service.js';
import type { Country } from './country.entity.js';
import { FrameworkLevel } from './framework-level.entity.js';
import { Framework } from './framework.entity.js';
import type { IscedField } from './isced-field.entity.js';
import type { IscedLevel } from './isced-level.entity.js';
import type { Isco08Group } from './isco08-group.entity.js';
import { OccupationalStandard } from './occupational-standard.entity.js';
import { ReferenceService } from './reference.service.js';

type Where = Record<string, unknown>;
const matches = (row: object, where: Where = {}) =>
  Object.entries(where).every(([key, value]) => (row as Where)[key] === value);

/**
 * An in-memory stand-in for the few Repository methods the service uses, counting its calls and
 * able to fail the next one, as a database that went away would.
 */
function fakeRepo<T extends object>(rows: T[]) {
  const calls = { find: 0, findOneBy: 0, findBy: 0 };
  let failure: Error | undefined;
  const answer = <R>(value: () => R): Promise<R> => {
    const error = failure;
    failure = undefined;
    return error ? Promise.reject(error) : Promise.resolve(value());
  };
  const repo = {
    calls,
    failNext(error: Error) {
      failure = error;
    },
    find: (options: { where?: Where } = {}) => {
      calls.find += 1;
      return answer(() => rows.filter((row) => matches(row, options.where)));
    },
    findBy: (where: Where) => {
      calls.findBy += 1;
      return answer(() => rows.filter((row) => matches(row, where)));
    },
    findOneBy: (where: Where) => {
      calls.findOneBy += 1;
      return answer(() => rows.find((row) => matches(row, where)) ?? null);
    },
    findOne: (options: { where: Where }) =>
      answer(() => rows.find((row) => matches(row, options.where)) ?? null),
    existsBy: (where: Where) => answer(() => rows.some((row) => matches(row, where))),
  };
  return repo as typeof repo & Repository<T>;
}

const names = (es: string, pt = es, en = es) => ({ nameEs: es, namePt: pt, nameEn: en });

const level = (frameworkCode: string, n: number, metaLevel: number | null = n) =>
  ({
    frameworkCode,
    level: n,
    ...names(`Nivel ${n}`, `Nível ${n}`, `Level ${n}`),
    metaFrameworkCode: metaLevel === null ? null : 'MRR-LAC',
    metaLevel,
  }) as FrameworkLevel;

function standard(id: string, code: string, version: string): OccupationalStandard {
  return {
    id,
    code,
    version,
    title: `${code} v${version}`,
    ownerIssuerSlug: 'co-ens',
    countryCode: 'CO',
    isco08Code: '5120',
    frameworkCode: 'CO-MNC',
    level: 3,
    units: [{ code, title: 'x' }],
  };
}

/** `facts.seq` is the audit's facts revision: undefined while it is not known without a query. */
function setup(facts: { seq?: string } = {}) {
  const levels = [
    ...[1, 2, 3].map((n) => level('MRR-LAC', n)),
    level('CO-MNC', 2),
    level('CO-MNC', 3),
    level('XX-NEW', 1, null),
  ];
  const frameworks = [
    { code: 'CO-MNC', kind: 'NATIONAL', countryCode: 'CO', levelCount: 2, ...names('CO') },
    { code: 'MRR-LAC', kind: 'REGIONAL_META', countryCode: null, levelCount: 3, ...names('M') },
  ].map(
    (framework) =>
      ({
        ...framework,
        levels: levels.filter((l) => l.frameworkCode === framework.code),
      }) as Framework,
  );
  const repos = {
    country: fakeRepo<Country>([
      { code: 'CO', ...names('Colombia', 'Colômbia', 'Colombia') },
      { code: 'PE', ...names('Perú', 'Peru', 'Peru') },
      { code: 'AL', ...names('Albania', 'Albânia', 'Albania') },
    ]),
    iscedLevel: fakeRepo<IscedLevel>([{ level: 6, labelEs: '', labelPt: '', labelEn: '' }]),
    iscedField: fakeRepo<IscedField>([
      { code: '09', parentCode: null, labelEs: '', labelPt: '', labelEn: '' },
      { code: '0913', parentCode: '091', labelEs: '', labelPt: '', labelEn: '' },
    ]),
    isco08: fakeRepo<Isco08Group>([
      { code: '5120', parentCode: '512', labelEs: '', labelPt: '', labelEn: '' },
    ]),
    framework: fakeRepo<Framework>(frameworks),
    level: fakeRepo<FrameworkLevel>(levels),
    standard: fakeRepo<OccupationalStandard>([
      standard('std-co-coc', '299902004', '2'),
      standard('std-co-coc-v10', '299902004', '10'),
      standard('std-co-coc-v1', '299902004', '1'),
    ]),
  };
  const service = new ReferenceService(
    repos.country,
    repos.iscedLevel,
    repos.iscedField,
    repos.isco08,
    repos.framework,
    repos.level,
    repos.standard,
    { knownFactsSeq: () => facts.seq } as AuditService,
  );
  return { service, repos };
}

describe('ReferenceService', () => {
  describe('countries', () => {
    it('knows a country by its upper-case alpha-2 code', async () => {
      const { service } = setup();
      expect(await service.countryExists('CO')).toBe(true);
      expect(await service.countryExists('co')).toBe(false);
      expect(await service.countryExists('XX')).toBe(false);
    });

    it('names a country in the language asked for', async () => {
      const { service } = setup();
      expect(await service.getCountry('CO', 'pt')).toEqual({ code: 'CO', name: 'Colômbia' });
      expect(await service.getCountry('PE', 'es')).toEqual({ code: 'PE', name: 'Perú' });
      expect(await service.getCountry('XX', 'es')).toBeUndefined();
    });

    it('lists countries sorted by their name in that language', async () => {
      const { service } = setup();
      const list = await service.listCountries('en');
      expect(list.map((country) => country.code)).toEqual(['AL', 'CO', 'PE']);
    });

    it('reads the countries once and then answers from memory', async () => {
      const { service, repos } = setup();
      await Promise.all([service.countryExists('CO'), service.getCountry('PE', 'es')]);
      await service.countryExists('PE');
      expect(repos.country.calls.find).toBe(1);
    });

    it('does not keep a failed read: the next call asks the database again', async () => {
      const { service, repos } = setup();
      repos.country.failNext(new Error('database away'));
      await expect(service.countryExists('CO')).rejects.toThrow('database away');
      expect(await service.countryExists('CO')).toBe(true);
      expect(repos.country.calls.find).toBe(2);
    });
  });

  describe('classifications', () => {
    it('recognises ISCED levels, ISCED-F fields and ISCO-08 groups it holds', async () => {
      const { service, repos } = setup();
      expect(await service.isIscedLevel(6)).toBe(true);
      expect(await service.isIscedLevel(9)).toBe(false);
      expect(await service.isIscedField('0913')).toBe(true);
      expect(await service.isIscedField('09')).toBe(true);
      expect(await service.isIscedField('0999')).toBe(false);
      expect(await service.isIsco08('5120')).toBe(true);
      expect(await service.isIsco08('5121')).toBe(false);
      expect(repos.iscedField.calls.find).toBe(1);
    });
  });

  describe('frameworks', () => {
    it('lists the meta-framework first, each with its levels in order', async () => {
      const { service } = setup();
      const list = await service.listFrameworks();
      expect(list.map((framework) => framework.code)).toEqual(['MRR-LAC', 'CO-MNC']);
      expect(list[1]).toEqual({
        code: 'CO-MNC',
        kind: 'NATIONAL',
        name: { es: 'CO', pt: 'CO', en: 'CO' },
        country: 'CO',
        levelCount: 2,
        levels: [2, 3].map((n) => ({
          level: n,
          name: { es: `Nivel ${n}`, pt: `Nível ${n}`, en: `Level ${n}` },
          metaFramework: 'MRR-LAC',
          metaLevel: n,
        })),
      });
    });

    it('answers undefined for an unknown framework, and NOT_FOUND when asked to insist', async () => {
      const { service } = setup();
      expect(await service.getFramework('ZZ-NONE')).toBeUndefined();
      const error = await service.getFrameworkOrThrow('ZZ-NONE').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ code: 'NOT_FOUND', status: 404 });
      expect((await service.getFrameworkOrThrow('CO-MNC')).levels).toHaveLength(2);
    });

    it('maps a national level to its meta level', async () => {
      const { service } = setup();
      expect(await service.metaLevelOf('CO-MNC', 3)).toBe(3);
      expect(await service.metaLevelOf('MRR-LAC', 2)).toBe(2);
    });

    it('has no meta level for an unknown framework or level, or one not referenced', async () => {
      const { service, repos } = setup();
      expect(await service.metaLevelOf('ZZ-NONE', 3)).toBeUndefined();
      expect(await service.metaLevelOf('CO-MNC', 7)).toBeUndefined();
      expect(await service.metaLevelOf('XX-NEW', 1)).toBeUndefined();
      const before = repos.level.calls.findOneBy;
      for (const odd of [2.5, -1, Number.NaN, 40_000]) {
        expect(await service.metaLevelOf('CO-MNC', odd)).toBeUndefined();
        expect(await service.frameworkLevelExists('CO-MNC', odd)).toBe(false);
      }
      expect(repos.level.calls.findOneBy).toBe(before);
      expect(await service.frameworkLevelExists('CO-MNC', 3)).toBe(true);
    });
  });

  describe("inside a caller's transaction", () => {
    it('reads through the EntityManager it is given, never its own connection', async () => {
      const { service, repos } = setup();
      const inTransaction = setup().repos;
      const manager = {
        getRepository: (entity: Function) =>
          new Map<Function, unknown>([
            [FrameworkLevel, inTransaction.level],
            [Framework, inTransaction.framework],
            [OccupationalStandard, inTransaction.standard],
          ]).get(entity),
      } as unknown as EntityManager;
      const own = repos.level.calls.findOneBy;

      expect(await service.metaLevelOf('CO-MNC', 3, manager)).toBe(3);
      expect((await service.getFramework('CO-MNC', manager))?.code).toBe('CO-MNC');
      expect((await service.getStandard('std-co-coc', { manager }))?.metaLevel).toBe(3);
      expect(await service.frameworkLevelExists('CO-MNC', 2, manager)).toBe(true);

      expect(repos.level.calls.findOneBy).toBe(own);
      expect(inTransaction.level.calls.findOneBy).toBe(2);
    });
  });

  describe('standards', () => {
    it('finds a standard by id, with the meta level of its framework level', async () => {
      const { service } = setup();
      expect(await service.getStandard('std-co-coc')).toMatchObject({
        id: 'std-co-coc',
        version: '2',
        owner: 'co-ens',
        country: 'CO',
        isco08: '5120',
        framework: 'CO-MNC',
        level: 3,
        metaLevel: 3,
      });
    });

    it('finds a standard by code: its latest version, or the version asked for', async () => {
      const { service } = setup();
      expect((await service.getStandard('299902004'))?.version).toBe('10');
      expect((await service.getStandard('299902004', { version: '1' }))?.id).toBe('std-co-coc-v1');
      expect(await service.getStandard('299902004', { version: '3' })).toBeUndefined();
      expect(await service.getStandard('nothing')).toBeUndefined();
    });

    it('answers NOT_FOUND for an unknown standard named directly', async () => {
      const { service } = setup();
      await expect(service.getStandardOrThrow('std-none')).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
    });

    it('keeps standards and levels found per facts revision, and reads again at the next', async () => {
      const facts = { seq: '7' };
      const { service, repos } = setup(facts);
      for (let i = 0; i < 3; i += 1) {
        expect((await service.getStandard('299902004', { version: '2' }))?.metaLevel).toBe(3);
        expect(await service.metaLevelOf('CO-MNC', 2)).toBe(2);
      }
      expect(repos.standard.calls.findBy).toBe(1);
      expect(repos.level.calls.findOneBy).toBe(2);
      facts.seq = '8';
      expect((await service.getStandard('299902004', { version: '2' }))?.id).toBe('std-co-coc');
      expect(repos.standard.calls.findBy).toBe(2);
    });

    it('keeps nothing not found, nor anything while the revision is unknown', async () => {
      const facts: { seq?: string } = { seq: '7' };
      const { service, repos } = setup(facts);
      expect(await service.getStandard('299902004', { version: '3' })).toBeUndefined();
      expect(await service.getStandard('299902004', { version: '3' })).toBeUndefined();
      expect(repos.standard.calls.findBy).toBe(2);
      facts.seq = undefined;
      await service.getStandard('299902004', { version: '2' });
      await service.getStandard('299902004', { version: '2' });
      expect(repos.standard.calls.findBy).toBe(4);
    });

    it('gives each caller its own copy of a kept standard', async () => {
      const { service } = setup({ seq: '7' });
      const first = await service.getStandard('std-co-coc');
      first!.units.push({ code: 'changed', title: 'by a caller' });
      expect((await service.getStandard('std-co-coc'))?.units).toHaveLength(1);
    });

    it('lists standards with their meta levels, optionally of one country', async () => {
      const { service } = setup();
      const all = await service.listStandards();
      expect(all).toHaveLength(3);
      expect(all.every((row) => row.metaLevel === 3)).toBe(true);
      expect(await service.listStandards({ country: 'PE' })).toEqual([]);
    });
  });
});
