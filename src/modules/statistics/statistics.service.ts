import { Injectable } from '@nestjs/common';
import { stringify } from 'csv-stringify/sync';
import { AppError } from '../../common/errors/app-error.js';
import type {
  StatisticsDimensionsDto,
  StatisticsHeadlineDto,
  StatisticsQueryDto,
  StatisticsTableDto,
} from './dto/statistics.dto.js';
import { ALL_TABLE_IDS, publishActivity, type ActivityPublication } from './statistics-activity.js';
import { K, K_SENSITIVE, publish, type Publication } from './statistics-publication.js';
import { StatisticsRecordsService } from './statistics-records.service.js';
import { StatisticsSourcesService } from './statistics-sources.js';
import { DECISION_TYPE } from './statistics-annex.js';
import {
  ALL,
  cellKey,
  codesOf,
  DECISION_TABLES,
  TABLES,
  type Dimension,
  type TableDefinition,
} from './statistics-tables.js';

/** One published table, whichever publication it belongs to. */
interface PublishedView {
  definition: TableDefinition;
  dimensions: Dimension[];
  /** The issuing country (certifications, decisions) or the declared destination (activity). */
  columnDimension: 'ISSUING_COUNTRY' | 'DESTINATION_COUNTRY';
  value(coordinates: Record<string, string>): number | null | undefined;
  medianDays?(coordinates: Record<string, string>): number | null;
}

/**
 * The published statistics: the fixed tables, protected together (statistics-publication.ts,
 * statistics-activity.ts), recomputed when what they count changes. A query only selects cells
 * of these tables, so no two queries can tell more than the tables do.
 */
@Injectable()
export class StatisticsService {
  private cached?: { fingerprint: string; certifications: Publication; decisions: Publication };
  private cachedActivity?: { fingerprint: string; publication: ActivityPublication };

  constructor(
    private readonly records: StatisticsRecordsService,
    private readonly sources: StatisticsSourcesService,
  ) {}

  async dimensions(): Promise<StatisticsDimensionsDto> {
    const { tables } = (await this.publications()).certifications;
    const certifications = tables.get('certifications')!;
    const codes = (name: string) =>
      codesOf(certifications.dimensions.find((d) => d.name === name)!).filter(
        (code) => code !== ALL && !code.includes('-Q'),
      );
    return {
      countries: codes('country'),
      years: codes('period'),
      types: codes('type'),
      tables: ALL_TABLE_IDS,
      k: K,
      kSensitive: K_SENSITIVE,
    };
  }

  async table(id: string, query: StatisticsQueryDto): Promise<StatisticsTableDto> {
    const view = await this.view(id);
    const { definition, dimensions } = view;
    const has = (name: string) => dimensions.some((d) => d.name === name);
    const codes = (name: string) => codesOf(dimensions.find((d) => d.name === name)!);
    const filters = {
      country: query.country ?? ALL,
      period: query.period ?? ALL,
      type: query.type ?? ALL,
    };
    for (const name of ['country', 'period', 'type'] as const) {
      const known = has(name) ? codes(name) : [ALL];
      // The certifications table shows periods as its rows: a period filter picks a year's.
      if (!known.includes(filters[name])) {
        throw new AppError('INVALID_REFERENCE', `The ${name} given is not a published one.`, {
          errors: [{ path: name, message: 'is not among the published codes of this table' }],
        });
      }
    }
    const rowDimension = definition.rowDimension;
    const columns = filters.country === ALL ? codes('country') : [filters.country];
    const rowCodes =
      rowDimension === 'period'
        ? filters.period === ALL
          ? codes('period')
          : [filters.period, ...codes('period').filter((c) => c.startsWith(`${filters.period}-`))]
        : codes(rowDimension);
    const rounding = query.rounding ? Number(query.rounding) : null;
    const valueAt = (row: string, column: string) => {
      const value = view.value({ ...filters, country: column, [rowDimension]: row });
      if (value === undefined) throw new Error(`No cell of ${id} at ${column}, ${row}`);
      return value === null || rounding === null ? value : Math.round(value / rounding) * rounding;
    };
    const rows = rowCodes.map((code) => ({
      code,
      cells: columns.map((column) => {
        const value = valueAt(code, column);
        // Shares of the column's total, for an attribute's rows; both counts published.
        const total = rowDimension === 'period' ? null : valueAt(ALL, column);
        const share =
          value !== null && total !== null && total > 0 && code !== ALL ? value / total : null;
        return { value, suppressed: value === null, share };
      }),
    }));
    const shown = Object.fromEntries(
      Object.entries(filters).filter(([name, v]) => v !== ALL && has(name)),
    );
    return {
      id,
      rowDimension,
      columnDimension: view.columnDimension,
      k: definition.sensitive ? K_SENSITIVE : K,
      sensitive: definition.sensitive,
      filters: shown,
      columns,
      rows,
      rounding,
      ...(view.medianDays
        ? {
            medianDaysToDecision: columns.map((column) =>
              view.medianDays!({ ...filters, country: column }),
            ),
          }
        : {}),
    };
  }

  /**
   * Every table for the dashboard under one set of filters: the certification tables take them
   * all; the others (decisions, verifications, cases) only the country and year, which mean
   * the deciding authority's or the destination's country there.
   */
  async dashboard(query: StatisticsQueryDto): Promise<StatisticsTableDto[]> {
    const { certifications } = await this.publications();
    const tables: StatisticsTableDto[] = [];
    for (const id of ALL_TABLE_IDS) {
      const own = certifications.tables.has(id) ? query : { ...query, type: undefined };
      const view = await this.view(id);
      // A country or year a table does not hold shows it empty of published cells: skip it.
      const known = (name: 'country' | 'period') =>
        !own[name] || codesOf(view.dimensions.find((d) => d.name === name)!).includes(own[name]);
      if (known('country') && known('period')) tables.push(await this.table(id, own));
    }
    return tables;
  }

  /** The programme's headline: N certified, X % Venezuelan migrants, Y % women. */
  async headline(query: StatisticsQueryDto): Promise<StatisticsHeadlineDto> {
    const at = async (id: string, row: string) => {
      const table = await this.table(id, { ...query });
      return table.rows.find((r) => r.code === row)!.cells[0];
    };
    const certified = await this.table('sex', query);
    const totalColumn = certified.rows.find((r) => r.code === ALL)!.cells[0];
    return {
      certified: totalColumn.value,
      venezuelanMigrants: (await at('population', 'VE_MIGRANT')).share,
      women: (await at('sex', 'FEMALE')).share,
      filters: certified.filters,
    };
  }

  /** A table as CSV, long format: one line per cell, suppressed cells marked, never zero. */
  async csv(id: string, query: StatisticsQueryDto): Promise<string> {
    const table = await this.table(id, query);
    const records = table.rows.flatMap((row) =>
      row.cells.map((cell, i) => [
        table.id,
        table.columns[i],
        table.filters.period ?? ALL,
        table.filters.type ?? ALL,
        row.code,
        cell.suppressed ? '' : String(cell.value),
        cell.suppressed ? 'x' : '',
        cell.share === null ? '' : cell.share.toFixed(4),
      ]),
    );
    return stringify(records, {
      header: true,
      columns: [
        'table',
        'country',
        'period',
        'type',
        table.rowDimension,
        'count',
        'suppressed',
        'share',
      ],
    });
  }

  private async view(id: string): Promise<PublishedView> {
    const publications = await this.publications();
    for (const publication of [publications.certifications, publications.decisions]) {
      const table = publication.tables.get(id);
      if (table) {
        return {
          ...table,
          columnDimension: 'ISSUING_COUNTRY',
          value: (coordinates) => publication.values.get(cellKey(coordinates)),
        };
      }
    }
    const activity = await this.activity();
    const found = activity.tables.get(id);
    if (!found) throw new AppError('NOT_FOUND', 'There is no such statistics table.');
    const { definition, dimensions } = found;
    return {
      definition,
      dimensions,
      columnDimension: 'DESTINATION_COUNTRY',
      value: ({ country, period, [definition.rowDimension]: row }) =>
        activity.values.get(
          `${definition.family}#${cellKey({ country, period, [definition.rowDimension]: row })}`,
        ),
      medianDays:
        id === 'cases'
          ? ({ country, period }) => activity.medianDays.get(cellKey({ country, period })) ?? null
          : undefined,
    };
  }

  /** Certifications and recognition decisions: two populations, each protected as a whole. */
  private async publications(): Promise<{ certifications: Publication; decisions: Publication }> {
    const fingerprint = await this.records.fingerprint();
    if (this.cached?.fingerprint !== fingerprint) {
      const records = await this.records.counted();
      const decision = (r: { credentialType: string }) => r.credentialType === DECISION_TYPE;
      this.cached = {
        fingerprint,
        certifications: publish(
          records.filter((r) => !decision(r)),
          TABLES,
        ),
        decisions: publish(records.filter(decision), DECISION_TABLES),
      };
    }
    return this.cached;
  }

  private async activity(): Promise<ActivityPublication> {
    // Consent counts for cases: a withdrawal changes the records' fingerprint too.
    const fingerprint = `${await this.sources.fingerprint()}|${await this.records.fingerprint()}`;
    if (this.cachedActivity?.fingerprint !== fingerprint) {
      const excluded = await this.records.excludedSubjects();
      const cases = (await this.sources.cases()).filter(
        (c) => !excluded.has(this.records.subjectKey({ holderId: c.holderId, credentialId: '' })),
      );
      const publication = publishActivity(await this.sources.verifications(), cases, (holderId) =>
        this.records.subjectKey({ holderId, credentialId: '' }),
      );
      this.cachedActivity = { fingerprint, publication };
    }
    return this.cachedActivity.publication;
  }
}
