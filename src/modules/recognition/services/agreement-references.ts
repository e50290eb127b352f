import type { FieldError } from '../../../common/errors/app-error.js';
import type { ReferenceService } from '../../reference/reference.service.js';
import { META_FRAMEWORK_CODE, type StandardView } from '../../reference/reference.types.js';
import { CREDENTIAL_TYPES } from '../../../vc/schemas.js';
import type { CreateAgreementDto, CreateMappingDto } from '../dto/agreement-input.dto.js';

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

type Check = [path: string, values: readonly string[], exists: (code: string) => Promise<boolean>];

async function unknownCodes(checks: Check[]): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  for (const [path, values, exists] of checks) {
    for (const [i, value] of values.entries()) {
      if (!(await exists(value)))
        errors.push({ path: `${path}.${i}`, message: `unknown ${value}` });
    }
  }
  return errors;
}

async function metaLevelErrors(
  reference: ReferenceService,
  levels: [path: string, level: number | undefined][],
): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  for (const [path, level] of levels) {
    if (
      level !== undefined &&
      !(await reference.frameworkLevelExists(META_FRAMEWORK_CODE, level))
    ) {
      errors.push({ path, message: `${META_FRAMEWORK_CODE} has no level ${level}` });
    }
  }
  return errors;
}

/** Every reference an agreement names that the registry does not know, and bad parameters. */
export async function agreementReferenceErrors(
  reference: ReferenceService,
  dto: CreateAgreementDto,
): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  dto.credentialTypes.forEach((type, i) => {
    if (!(CREDENTIAL_TYPES as readonly string[]).includes(type)) {
      errors.push({ path: `credentialTypes.${i}`, message: `unknown credential type ${type}` });
    }
  });
  const country = (code: string) => reference.countryExists(code);
  const field = (code: string) => reference.isIscedField(code);
  const isco = (code: string) => reference.isIsco08(code);
  errors.push(
    ...(await unknownCodes([
      ['iscedFields', dto.iscedFields, field],
      ['occupations', dto.occupations, isco],
      ['standards', dto.standards, async (id) => (await reference.getStandard(id)) !== undefined],
      ['acceptsDecisionsFrom', dto.acceptsDecisionsFrom, country],
      ...dto.fieldRestrictions.flatMap((r, i): Check[] => [
        [`fieldRestrictions.${i}.iscedFields`, r.iscedFields ?? [], field],
        [`fieldRestrictions.${i}.occupations`, r.occupations ?? [], isco],
      ]),
    ])),
  );
  for (const [i, d] of dto.directions.entries()) {
    for (const end of ['origin', 'destination'] as const) {
      if (!(await country(d[end]))) {
        errors.push({ path: `directions.${i}.${end}`, message: `unknown country ${d[end]}` });
      }
    }
  }
  dto.directions.forEach((d, i) => {
    if (d.origin === d.destination) {
      errors.push({ path: `directions.${i}.destination`, message: 'must differ from the origin' });
    }
  });
  errors.push(
    ...(await metaLevelErrors(reference, [
      ['metaLevelMin', dto.metaLevelMin],
      ['metaLevelMax', dto.metaLevelMax],
    ])),
  );
  if (
    dto.metaLevelMin !== undefined &&
    dto.metaLevelMax !== undefined &&
    dto.metaLevelMin > dto.metaLevelMax
  ) {
    errors.push({ path: 'metaLevelMax', message: 'must not be below metaLevelMin' });
  }
  errors.push(...conditionErrors(dto));
  dto.fieldRestrictions.forEach((r, i) => {
    if ((r.iscedFields ?? []).length === 0 && (r.occupations ?? []).length === 0) {
      errors.push({
        path: `fieldRestrictions.${i}`,
        message: 'needs iscedFields or occupations',
      });
    }
  });
  return errors;
}

function conditionErrors(dto: CreateAgreementDto): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  dto.conditions.forEach((condition, i) => {
    const params = condition.params ?? {};
    if (seen.has(condition.code)) {
      errors.push({ path: `conditions.${i}.code`, message: `${condition.code} is listed twice` });
    }
    seen.add(condition.code);
    if (condition.code === 'ISSUED_AFTER') {
      if (typeof params.date !== 'string' || !DATE.test(params.date)) {
        errors.push({ path: `conditions.${i}.params.date`, message: 'must be a date YYYY-MM-DD' });
      }
    }
    if (condition.code === 'MAX_AGE_YEARS') {
      const years = params.years;
      if (typeof years !== 'number' || !Number.isInteger(years) || years < 1 || years > 100) {
        errors.push({
          path: `conditions.${i}.params.years`,
          message: 'must be a whole number of years, 1–100',
        });
      }
    }
  });
  return errors;
}

/** What a mapping names that the registry does not know, or that contradicts its agreement. */
export async function mappingReferenceErrors(
  reference: ReferenceService,
  dto: CreateMappingDto,
  directions: readonly { origin: string; destination: string }[],
): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  if (!directions.some((d) => d.origin === dto.origin && d.destination === dto.destination)) {
    errors.push({
      path: 'destination',
      message: `${dto.origin} → ${dto.destination} is not a direction of the agreement`,
    });
  }
  const { from, to } = dto;
  if (from.standardId === undefined && from.metaLevel === undefined && from.isco === undefined) {
    errors.push({ path: 'from', message: 'needs a standardId, a metaLevel or an isco' });
  }
  if (
    to.standardId === undefined &&
    to.framework === undefined &&
    to.level === undefined &&
    to.title === undefined &&
    dto.kind !== 'NONE'
  ) {
    errors.push({ path: 'to', message: 'needs a standardId, a level or a title' });
  }
  const standardIn = async (path: string, id: string | undefined, country: string) => {
    if (id === undefined) return undefined;
    const standard = await reference.getStandard(id);
    if (!standard) errors.push({ path, message: `unknown standard ${id}` });
    else if (standard.country !== country) {
      errors.push({ path, message: `${id} is not a standard of ${country}` });
    }
    return standard;
  };
  await standardIn('from.standardId', from.standardId, dto.origin);
  const target = await standardIn('to.standardId', to.standardId, dto.destination);
  errors.push(...(await metaLevelErrors(reference, [['from.metaLevel', from.metaLevel]])));
  if (from.isco !== undefined && !(await reference.isIsco08(from.isco))) {
    errors.push({ path: 'from.isco', message: `unknown ${from.isco}` });
  }
  if ((to.framework === undefined) !== (to.level === undefined)) {
    errors.push({
      path: 'to.level',
      message: 'a level needs its framework, and a framework a level',
    });
  } else if (to.framework !== undefined && to.level !== undefined) {
    if (!(await reference.frameworkLevelExists(to.framework, to.level))) {
      errors.push({ path: 'to.level', message: `${to.framework} has no level ${to.level}` });
    }
  }
  errors.push(...missingUnitErrors(dto, target));
  return errors;
}

function missingUnitErrors(dto: CreateMappingDto, target: StandardView | undefined): FieldError[] {
  if (dto.missingUnits.length === 0) return [];
  if (dto.kind !== 'PARTIAL') {
    return [{ path: 'missingUnits', message: 'only a PARTIAL mapping has missing units' }];
  }
  if (!target) return [];
  const units = new Set(target.units.map((unit) => unit.code));
  return dto.missingUnits.flatMap((code, i) =>
    units.has(code)
      ? []
      : [{ path: `missingUnits.${i}`, message: `${target.id} has no unit ${code}` }],
  );
}
