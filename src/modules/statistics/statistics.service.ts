import { Injectable } from '@nestjs/common';
import { stringify } from 'csv-stringify/sync';
import { AppError } from '../../common/errors/app-error.js';
import type {
  StatisticsDimensionsDto,
  StatisticsHeadlineDto,
  StatisticsQueryDto,
  StatisticsTableDto,
} from './dto/statistics.dto.js';
import { K, K_SENSITIVE, publish, type Publication } from './statistics-publication.js';
import { StatisticsRecordsService } from './statistics-records.service.js';
import { ALL, cellKey, codesOf, TABLE_IDS } from './statistics-tables.js';

/**
 * The published statistics: the fixed tables, protected together (statistics-publication.ts),
 * recomputed when the records change. A query only selects cells of these tables, so no two
 * queries can tell more than the tables do.
 */
@Injectable()
export class StatisticsService {
  private cached?: { fingerprint: string; publication: Publication };

  constructor(private readonly records: StatisticsRecordsService) {}

  async dimensions(): Promise<StatisticsDimensionsDto> {
    const { tables } = await this.publication();
    const certifications = tables.get('certifications')!;
    const codes = (name: string) =>
      codesOf(certifications.dimensions.find((d) => d.name === name)!).filter(
        (code) => code !== ALL && !code.includes('-Q'),
      );
    return {
      countries: codes('country'),
      years: codes('period'),
      types: codes('type'),
      tables: TABLE_IDS,
      k: K,
      kSensitive: K_SENSITIVE,
    };
  }

  async table(id: string, query: StatisticsQueryDto): Promise<StatisticsTableDto> {
    const publication = await this.publication();
    const table = publication.tables.get(id);
    if (!table) throw new AppError('NOT_FOUND', 'There is no such statistics table.');
    const { definition, dimensions } = table;
    const codes = (name: string) => codesOf(dimensions.find((d) => d.name === name)!);
    const filters = {
      country: query.country ?? ALL,
      period: query.period ?? ALL,
      type: query.type ?? ALL,
    };
    for (const name of ['country', 'period', 'type'] as const) {
      const known = codes(name);
      // The certifications table shows periods as its rows: a period filter picks a year's.
      if (!known.includes(filters[name])) {
        throw new AppError('INVALID_REFERENCE', `The ${name} given is not a published one.`, {
          errors: [{ path: name, message: 'is not among the published codes' }],
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
      const coordinates = { ...filters, country: column, [rowDimension]: row };
      const value = publication.values.get(cellKey(coordinates));
      if (value === undefined) throw new Error(`No cell ${cellKey(coordinates)}`);
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
    const shown = Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== ALL));
    return {
      id,
      rowDimension,
      k: definition.sensitive ? K_SENSITIVE : K,
      sensitive: definition.sensitive,
      filters: shown,
      columns,
      rows,
      rounding,
    };
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

  private async publication(): Promise<Publication> {
    const fingerprint = await this.records.fingerprint();
    if (this.cached?.fingerprint !== fingerprint) {
      this.cached = { fingerprint, publication: publish(await this.records.counted()) };
    }
    return this.cached.publication;
  }
}
