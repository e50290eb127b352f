import { ISCED_FIELDS, ISCED_LEVELS, ISCO08_GROUPS, parentCode } from './classifications.js';
import { countryRows } from './countries.js';
import { FRAMEWORKS } from './frameworks.js';
import { STANDARDS } from './standards.js';
import { META_FRAMEWORK_CODE } from '../reference.types.js';

describe('the curated reference data', () => {
  const countries = countryRows();
  const frameworks = new Map(FRAMEWORKS.map((framework) => [framework.code, framework]));
  const meta = frameworks.get(META_FRAMEWORK_CODE);

  it('has every ISO 3166-1 country named in es, pt and en', () => {
    expect(countries.length).toBeGreaterThanOrEqual(249);
    const byCode = new Map(countries.map((country) => [country.code, country.name]));
    expect(byCode.get('PE')).toEqual({ es: 'Perú', pt: 'Peru', en: 'Peru' });
    expect(byCode.get('BR')).toEqual({ es: 'Brasil', pt: 'Brasil', en: 'Brazil' });
    for (const country of countries) {
      expect(country.code).toMatch(/^[A-Z]{2}$/);
      expect(Object.values(country.name).every((name) => name.length > 0)).toBe(true);
    }
  });

  it('has ISCED 2011 levels 0 to 8', () => {
    expect(ISCED_LEVELS.map((row) => row.level)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it.each([
    ['ISCED-F', ISCED_FIELDS, 2],
    ['ISCO-08', ISCO08_GROUPS, 1],
  ] as const)('lists every %s parent, each before its children', (_, rows, topLength) => {
    const seen = new Set<string>();
    for (const row of rows) {
      const parent = parentCode(row.code, topLength);
      if (parent !== null)
        expect({ code: row.code, parent: seen.has(parent) }).toEqual({
          code: row.code,
          parent: true,
        });
      expect(seen.has(row.code)).toBe(false);
      seen.add(row.code);
    }
  });

  it('covers the fields and occupations the demo region uses', () => {
    const fields = ISCED_FIELDS.map((row) => row.code);
    for (const code of ['0111', '0112', '0113', '0114', '0411', '0421', '0713', '0913', '1013']) {
      expect(fields).toContain(code);
    }
    const occupations = ISCO08_GROUPS.map((row) => row.code);
    for (const code of ['5322', '5120', '7411', '9412']) expect(occupations).toContain(code);
  });

  it('has the 8-level meta-framework and CO, PE (8 levels), CL, EC (5 levels) referenced to it', () => {
    expect(meta?.levels.map((level) => [level.level, level.metaLevel])).toEqual(
      [1, 2, 3, 4, 5, 6, 7, 8].map((n) => [n, n]),
    );
    expect(meta?.levels[7].name.es).toBe('Doctorado');
    const counts = Object.fromEntries(
      FRAMEWORKS.map((framework) => [framework.country ?? '-', framework.levels.length]),
    );
    expect(counts).toEqual({ '-': 8, CO: 8, PE: 8, CL: 5, EC: 5 });
    for (const framework of FRAMEWORKS) {
      expect(framework.code).toMatch(/^[A-Z0-9]+(-[A-Z0-9]+)*$/);
      framework.levels.forEach((level, index) => {
        expect(level.level).toBe(index + 1);
        expect(level.metaLevel).toBe(index + 1);
      });
    }
  });

  it('has the seven demo standards, each on a known framework level, occupation and country', () => {
    expect(STANDARDS.map((standard) => standard.id).sort()).toEqual([
      'std-cl-ayc',
      'std-co-coc',
      'std-co-cuid',
      'std-co-elec',
      'std-ec-elec',
      'std-pe-coc',
      'std-pe-cuid',
    ]);
    const occupations = new Set(ISCO08_GROUPS.map((row) => row.code));
    const countryCodes = new Set(countries.map((country) => country.code));
    for (const standard of STANDARDS) {
      const framework = frameworks.get(standard.framework);
      expect(framework?.country).toBe(standard.country);
      expect(framework?.levels.some((level) => level.level === standard.level)).toBe(true);
      expect(occupations.has(standard.isco08)).toBe(true);
      expect(countryCodes.has(standard.country)).toBe(true);
      expect(standard.units.length).toBeGreaterThan(0);
    }
    const units = (id: string) =>
      STANDARDS.find((standard) => standard.id === id)?.units.map((unit) => unit.code);
    expect(units('std-pe-cuid')).toEqual(['UC1', 'UC2', 'UC3']);
    expect(units('std-pe-coc')).toEqual(['UC1', 'UC2', 'UC3', 'UC4']);
    expect(units('std-cl-ayc')).toEqual(['UCL1', 'UCL2', 'UCL3']);
  });
});
