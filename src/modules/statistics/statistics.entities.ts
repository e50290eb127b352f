import { StatisticsExclusion } from './entities/statistics-exclusion.entity.js';
import { StatisticsRecord } from './entities/statistics-record.entity.js';

/** The statistics module's tables: pseudonymised certification records and consent exclusions. */
export const STATISTICS_ENTITIES = [StatisticsRecord, StatisticsExclusion];
