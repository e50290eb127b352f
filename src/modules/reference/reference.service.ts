import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository, type EntityManager } from 'typeorm';
import { AppError } from '../../common/errors/app-error.js';
import { AuditService } from '../audit/audit.service.js';
import { RevisionCache } from '../audit/revision-cache.js';
import { Country } from './country.entity.js';
import { FrameworkLevel } from './framework-level.entity.js';
import { Framework } from './framework.entity.js';
import { IscedField } from './isced-field.entity.js';
import { IscedLevel } from './isced-level.entity.js';
import { Isco08Group } from './isco08-group.entity.js';
import { OccupationalStandard } from './occupational-standard.entity.js';
import type {
  CountryView,
  FrameworkLevelView,
  FrameworkView,
  Lang,
  LocalizedText,
  StandardView,
} from './reference.types.js';

const localized = (row: { nameEs: string; namePt: string; nameEn: string }): LocalizedText => ({
  es: row.nameEs,
  pt: row.namePt,
  en: row.nameEn,
});

// A level is a smallint: anything else cannot match and must not reach the database as one.
const isLevelNumber = (level: number) => Number.isInteger(level) && level >= 0 && level <= 32_767;

/** Compares versions such as `1`, `2`, `10`, `1.2` numerically where they are numbers. */
const byVersion = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });

function toLevelView(level: FrameworkLevel): FrameworkLevelView {
  return {
    level: level.level,
    name: localized(level),
    metaFramework: level.metaFrameworkCode,
    metaLevel: level.metaLevel,
  };
}

function toFrameworkView(framework: Framework): FrameworkView {
  return {
    code: framework.code,
    kind: framework.kind,
    name: localized(framework),
    country: framework.countryCode,
    levelCount: framework.levelCount,
    levels: [...framework.levels].sort((a, b) => a.level - b.level).map(toLevelView),
  };
}

function toStandardView(
  row: OccupationalStandard,
  metaLevel: number | null | undefined,
): StandardView {
  return {
    id: row.id,
    code: row.code,
    version: row.version,
    title: row.title,
    owner: row.ownerIssuerSlug,
    country: row.countryCode,
    isco08: row.isco08Code,
    framework: row.frameworkCode,
    level: row.level,
    metaLevel: metaLevel ?? null,
    // A copy: the row may be shared by every caller of this revision (see `standardRows`).
    units: row.units.map((unit) => ({ ...unit })),
  };
}

/**
 * Countries, classifications, frameworks and standards, for every module that checks or shows
 * them. The countries and classifications change only with a release, so they are read once (at
 * start, see `preload`) and kept in memory; frameworks and standards are read from the database
 * each time, since governance may edit them while the service runs.
 *
 * Methods that read the database take an optional EntityManager: a caller inside a transaction
 * passes its own, so that the read sees the transaction's writes and takes no second connection.
 */
const found = ({ row }: { row: unknown }) => row !== undefined;

@Injectable()
export class ReferenceService {
  private countries?: Promise<Map<string, Country>>;
  private iscedFields?: Promise<Set<string>>;
  private iscedLevels?: Promise<Set<number>>;
  private isco08Groups?: Promise<Set<string>>;

  constructor(
    @InjectRepository(Country) private readonly countryRepo: Repository<Country>,
    @InjectRepository(IscedLevel) private readonly iscedLevelRepo: Repository<IscedLevel>,
    @InjectRepository(IscedField) private readonly iscedFieldRepo: Repository<IscedField>,
    @InjectRepository(Isco08Group) private readonly isco08Repo: Repository<Isco08Group>,
    @InjectRepository(Framework) private readonly frameworkRepo: Repository<Framework>,
    @InjectRepository(FrameworkLevel) private readonly levelRepo: Repository<FrameworkLevel>,
    @InjectRepository(OccupationalStandard)
    private readonly standardRepo: Repository<OccupationalStandard>,
    audit: AuditService,
  ) {
    this.standardRows = new RevisionCache(audit);
    this.levelRows = new RevisionCache(audit);
  }

  // Standards and framework levels every issuance looks up, kept per facts revision. Only the
  // seeder writes these tables, at start, so a read inside a transaction sees what any read
  // sees and is shared too. What was not found is not kept: a replica seeded later may add it.
  private readonly standardRows: RevisionCache<{ row: OccupationalStandard | undefined }>;
  private readonly levelRows: RevisionCache<{ row: FrameworkLevel | undefined }>;

  /** Whether `code` is a known ISO 3166-1 alpha-2 code (upper case, as stored). */
  async countryExists(code: string): Promise<boolean> {
    return (await this.countryMap()).has(code);
  }

  /** The country named in `lang`, or undefined for an unknown code. */
  async getCountry(code: string, lang: Lang): Promise<CountryView | undefined> {
    const country = (await this.countryMap()).get(code);
    return country && { code: country.code, name: localized(country)[lang] };
  }

  /** Every country, named in `lang` and sorted by that name. */
  async listCountries(lang: Lang): Promise<CountryView[]> {
    const collator = new Intl.Collator(lang);
    return [...(await this.countryMap()).values()]
      .map((country) => ({ code: country.code, name: localized(country)[lang] }))
      .sort((a, b) => collator.compare(a.name, b.name));
  }

  /** Whether `level` is an ISCED 2011 level (0–8). */
  async isIscedLevel(level: number): Promise<boolean> {
    return (await this.iscedLevelSet()).has(level);
  }

  /** Whether `code` is an ISCED-F 2013 field (broad, narrow or detailed) the registry knows. */
  async isIscedField(code: string): Promise<boolean> {
    return (await this.iscedFieldSet()).has(code);
  }

  /** Whether `code` is an ISCO-08 group (major to unit group) the registry knows. */
  async isIsco08(code: string): Promise<boolean> {
    return (await this.isco08Set()).has(code);
  }

  /** Reads the countries and classifications into memory; run at start, after seeding. */
  async preload(): Promise<void> {
    await Promise.all([
      this.countryMap(),
      this.iscedLevelSet(),
      this.iscedFieldSet(),
      this.isco08Set(),
    ]);
  }

  /** Every framework with its levels, the regional meta-framework first. */
  async listFrameworks(): Promise<FrameworkView[]> {
    const frameworks = await this.frameworkRepo.find({
      relations: { levels: true },
      order: { code: 'ASC' },
    });
    return frameworks
      .map(toFrameworkView)
      .sort((a, b) => Number(b.kind === 'REGIONAL_META') - Number(a.kind === 'REGIONAL_META'));
  }

  /** A framework with its levels, or undefined for an unknown code. */
  async getFramework(code: string, manager?: EntityManager): Promise<FrameworkView | undefined> {
    const framework = await this.repo(Framework, manager).findOne({
      where: { code },
      relations: { levels: true },
    });
    return framework ? toFrameworkView(framework) : undefined;
  }

  /** Like `getFramework`, for a framework the caller names directly: unknown is NOT_FOUND. */
  async getFrameworkOrThrow(code: string): Promise<FrameworkView> {
    const framework = await this.getFramework(code);
    if (!framework) throw new AppError('NOT_FOUND', 'There is no such framework.');
    return framework;
  }

  /** Whether `level` is a level of framework `frameworkCode`. */
  async frameworkLevelExists(
    frameworkCode: string,
    level: number,
    manager?: EntityManager,
  ): Promise<boolean> {
    return (
      isLevelNumber(level) && this.repo(FrameworkLevel, manager).existsBy({ frameworkCode, level })
    );
  }

  /**
   * The regional meta-framework level that level `level` of `frameworkCode` is referenced to;
   * undefined when the framework or level is unknown or not referenced.
   */
  async metaLevelOf(
    frameworkCode: string,
    level: number,
    manager?: EntityManager,
  ): Promise<number | undefined> {
    if (!isLevelNumber(level)) return undefined;
    const { row } = await this.levelRows.get(
      JSON.stringify([frameworkCode, level]),
      async () => ({
        row:
          (await this.repo(FrameworkLevel, manager).findOneBy({ frameworkCode, level })) ??
          undefined,
      }),
      found,
    );
    return row?.metaLevel ?? undefined;
  }

  /**
   * A standard by its id (`std-co-cuid`) or by its code (`299903010`); by code, the latest
   * version unless `version` is given. Undefined when there is none.
   */
  async getStandard(
    idOrCode: string,
    options: { version?: string; manager?: EntityManager } = {},
  ): Promise<StandardView | undefined> {
    const row = await this.findStandardRow(idOrCode, options);
    const metaLevel =
      row && (await this.metaLevelOf(row.frameworkCode, row.level, options.manager));
    return row && toStandardView(row, metaLevel);
  }

  /** Like `getStandard`, for a standard the caller names directly: unknown is NOT_FOUND. */
  async getStandardOrThrow(idOrCode: string): Promise<StandardView> {
    const standard = await this.getStandard(idOrCode);
    if (!standard) throw new AppError('NOT_FOUND', 'There is no such standard.');
    return standard;
  }

  /** Every standard, optionally of one country, by id. */
  async listStandards(filter: { country?: string } = {}): Promise<StandardView[]> {
    const rows = await this.standardRepo.find({
      where: filter.country ? { countryCode: filter.country } : {},
      order: { id: 'ASC' },
    });
    const levels = await this.levelRepo.find();
    const metaLevels = new Map(levels.map((l) => [`${l.frameworkCode}/${l.level}`, l.metaLevel]));
    return rows.map((row) =>
      toStandardView(row, metaLevels.get(`${row.frameworkCode}/${row.level}`)),
    );
  }

  private async findStandardRow(
    idOrCode: string,
    options: { version?: string; manager?: EntityManager },
  ): Promise<OccupationalStandard | undefined> {
    const { row } = await this.standardRows.get(
      JSON.stringify([idOrCode, options.version ?? null]),
      async () => ({ row: await this.readStandardRow(idOrCode, options) }),
      found,
    );
    return row;
  }

  private async readStandardRow(
    idOrCode: string,
    { version, manager }: { version?: string; manager?: EntityManager },
  ): Promise<OccupationalStandard | undefined> {
    const standards = this.repo(OccupationalStandard, manager);
    if (version === undefined) {
      const byId = await standards.findOneBy({ id: idOrCode });
      if (byId) return byId;
    }
    const candidates = await standards.findBy(
      version === undefined ? { code: idOrCode } : { code: idOrCode, version },
    );
    return candidates.sort((a, b) => byVersion(b.version, a.version))[0];
  }

  /** The caller's transaction's repository when it passes its manager, else the default one. */
  private repo<T extends object>(entity: new () => T, manager?: EntityManager): Repository<T> {
    if (manager) return manager.getRepository(entity);
    const repos = new Map<Function, Repository<object>>([
      [Framework, this.frameworkRepo],
      [FrameworkLevel, this.levelRepo],
      [OccupationalStandard, this.standardRepo],
    ]);
    const repo = repos.get(entity);
    if (!repo) throw new TypeError(`ReferenceService has no repository for ${entity.name}`);
    return repo as Repository<T>;
  }

  private countryMap(): Promise<Map<string, Country>> {
    this.countries ??= this.load(
      this.countryRepo.find(),
      (rows) => new Map(rows.map((row) => [row.code, row])),
    );
    return this.countries;
  }

  private iscedLevelSet(): Promise<Set<number>> {
    this.iscedLevels ??= this.load(
      this.iscedLevelRepo.find(),
      (rows) => new Set(rows.map((row) => row.level)),
    );
    return this.iscedLevels;
  }

  private iscedFieldSet(): Promise<Set<string>> {
    this.iscedFields ??= this.load(
      this.iscedFieldRepo.find(),
      (rows) => new Set(rows.map((row) => row.code)),
    );
    return this.iscedFields;
  }

  private isco08Set(): Promise<Set<string>> {
    this.isco08Groups ??= this.load(
      this.isco08Repo.find(),
      (rows) => new Set(rows.map((row) => row.code)),
    );
    return this.isco08Groups;
  }

  /** Caches a loaded set, but not a failed load: the next call tries the database again. */
  private load<R, T>(query: Promise<R>, build: (rows: R) => T): Promise<T> {
    const loading = query.then(build);
    void loading.catch(() => this.forget(loading));
    return loading;
  }

  private forget(failed: Promise<unknown>): void {
    if (this.countries === failed) this.countries = undefined;
    if (this.iscedLevels === failed) this.iscedLevels = undefined;
    if (this.iscedFields === failed) this.iscedFields = undefined;
    if (this.isco08Groups === failed) this.isco08Groups = undefined;
  }
}
