import { Country } from './country.entity.js';
import { FrameworkLevel } from './framework-level.entity.js';
import { Framework } from './framework.entity.js';
import { IscedField } from './isced-field.entity.js';
import { IscedLevel } from './isced-level.entity.js';
import { Isco08Group } from './isco08-group.entity.js';
import { OccupationalStandard } from './occupational-standard.entity.js';

/** Every entity of the reference module (registered in src/database/entities.ts). */
export const REFERENCE_ENTITIES = [
  Country,
  IscedLevel,
  IscedField,
  Isco08Group,
  Framework,
  FrameworkLevel,
  OccupationalStandard,
];
