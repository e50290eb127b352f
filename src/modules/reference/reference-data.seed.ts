import type { EntityManager } from 'typeorm';
import { Country } from './country.entity.js';
import {
  ISCED_FIELDS,
  ISCED_LEVELS,
  ISCO08_GROUPS,
  parentCode,
  type CodedRow,
} from './data/classifications.js';
import { countryRows } from './data/countries.js';
import { FRAMEWORKS } from './data/frameworks.js';
import { STANDARDS } from './data/standards.js';
import { FrameworkLevel } from './framework-level.entity.js';
import { Framework } from './framework.entity.js';
import { IscedField } from './isced-field.entity.js';
import { IscedLevel } from './isced-level.entity.js';
import { Isco08Group } from './isco08-group.entity.js';
import { OccupationalStandard } from './occupational-standard.entity.js';
import { META_FRAMEWORK_CODE, type LocalizedText } from './reference.types.js';

const names = (name: LocalizedText) => ({ nameEs: name.es, namePt: name.pt, nameEn: name.en });
const labels = (label: LocalizedText) => ({
  labelEs: label.es,
  labelPt: label.pt,
  labelEn: label.en,
});

const hierarchy = (rows: CodedRow[], topLength: number) =>
  [...rows]
    .sort((a, b) => a.code.length - b.code.length || a.code.localeCompare(b.code))
    .map((row) => ({
      code: row.code,
      parentCode: parentCode(row.code, topLength),
      ...labels(row.label),
    }));

/**
 * Writes the reference data the registry cannot work without; idempotent, run at every start
 * inside one transaction (pass that transaction's manager).
 *
 * Countries and the international classifications belong to this code: rows are added and
 * brought up to date. Frameworks, their levels and the standards are only added when missing:
 * once present, governance owns them and a start must not undo its edits.
 */
export async function seedReferenceData(manager: EntityManager): Promise<void> {
  const upsert = async <T extends object>(
    entity: new () => T,
    rows: object[],
    columns: string[],
    key: string[],
  ) => {
    await manager
      .createQueryBuilder()
      .insert()
      .into(entity)
      .values(rows)
      .orUpdate(columns, key, { skipUpdateIfNoValuesChanged: true })
      .execute();
  };
  const insertMissing = async <T extends object>(entity: new () => T, rows: object[]) => {
    await manager.createQueryBuilder().insert().into(entity).values(rows).orIgnore().execute();
  };

  await upsert(
    Country,
    countryRows().map((row) => ({ code: row.code, ...names(row.name) })),
    ['name_es', 'name_pt', 'name_en'],
    ['code'],
  );
  const labelColumns = ['label_es', 'label_pt', 'label_en'];
  await upsert(
    IscedLevel,
    ISCED_LEVELS.map((row) => ({ level: row.level, ...labels(row.label) })),
    labelColumns,
    ['level'],
  );
  await upsert(IscedField, hierarchy(ISCED_FIELDS, 2), ['parent_code', ...labelColumns], ['code']);
  await upsert(
    Isco08Group,
    hierarchy(ISCO08_GROUPS, 1),
    ['parent_code', ...labelColumns],
    ['code'],
  );

  await insertMissing(
    Framework,
    FRAMEWORKS.map((row) => ({
      code: row.code,
      kind: row.kind,
      ...names(row.name),
      countryCode: row.country,
      levelCount: row.levels.length,
    })),
  );
  // The meta-framework's levels first: every other level references one of them.
  const ordered = [...FRAMEWORKS].sort(
    (a, b) => Number(b.code === META_FRAMEWORK_CODE) - Number(a.code === META_FRAMEWORK_CODE),
  );
  await insertMissing(
    FrameworkLevel,
    ordered.flatMap((framework) =>
      framework.levels.map((level) => ({
        frameworkCode: framework.code,
        level: level.level,
        ...names(level.name),
        metaFrameworkCode: level.metaLevel === null ? null : META_FRAMEWORK_CODE,
        metaLevel: level.metaLevel,
      })),
    ),
  );
  await insertMissing(
    OccupationalStandard,
    STANDARDS.map((row) => ({
      id: row.id,
      code: row.code,
      version: row.version,
      title: row.title,
      ownerIssuerSlug: row.owner,
      countryCode: row.country,
      isco08Code: row.isco08,
      frameworkCode: row.framework,
      level: row.level,
      units: row.units,
    })),
  );
}
