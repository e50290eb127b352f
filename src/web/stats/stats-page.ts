import { escapeHtml as e, LOCALES, type Lang } from '../../common/i18n/i18n.js';
import type {
  StatisticsCellDto,
  StatisticsDimensionsDto,
  StatisticsHeadlineDto,
  StatisticsTableDto,
} from '../../modules/statistics/dto/statistics.dto.js';
import { renderPage } from '../layout.js';
import { fill } from '../messages/define.js';
import { STATS_MESSAGES, type StatsMessages } from '../messages/stats-messages.js';
import { typeName } from '../portal/portal-credential-pages.js';
import { barChart, seriesChart, type ChartPoint } from './stats-charts.js';

export interface StatsFilters {
  country?: string;
  period?: string;
  type?: string;
}

export interface StatsPageInput {
  lang: Lang;
  filters: StatsFilters;
  dimensions: StatisticsDimensionsDto;
  headline: StatisticsHeadlineDto;
  tables: StatisticsTableDto[];
  countryNames: ReadonlyMap<string, string>;
}

const ALL = '*';

class Words {
  readonly t: StatsMessages;
  private readonly number: Intl.NumberFormat;
  private readonly percent: Intl.NumberFormat;

  constructor(readonly lang: Lang) {
    this.t = STATS_MESSAGES[lang];
    this.number = new Intl.NumberFormat(LOCALES[lang]);
    this.percent = new Intl.NumberFormat(LOCALES[lang], {
      style: 'percent',
      maximumFractionDigits: 0,
    });
  }

  count(value: number): string {
    return this.number.format(value);
  }

  share(value: number): string {
    return this.percent.format(value);
  }

  say(key: string): string {
    return key in this.t ? this.t[key as keyof StatsMessages] : key;
  }

  /** A row code of a table, in words. */
  code(table: StatisticsTableDto, code: string): string {
    if (code === ALL) return this.t.totalRow;
    if (table.rowDimension === 'period') {
      if (code === 'OTHER') return this.t.period_OTHER;
      const [year, quarter] = code.split('-Q');
      return quarter ? `${year} ${fill(this.t.quarter, { n: quarter })}` : year;
    }
    if (table.rowDimension === 'metaLevel' && code !== 'NONE') {
      return fill(this.t.code_level, { code });
    }
    if (table.rowDimension === 'iscoMajor' && code !== 'NONE') {
      return fill(this.t.code_isco, { code });
    }
    const specific = `code_${table.rowDimension}_${code}`;
    return specific in this.t ? this.say(specific) : this.say(`code_${code}`);
  }

  /** A column of a table: a country by name, all, or none declared. */
  column(input: StatsPageInput, code: string): string {
    if (code === ALL) return this.t.all;
    if (code === 'NONE') return this.t.country_NONE;
    if (code === 'OTHER') return this.t.country_OTHER;
    return input.countryNames.get(code) ?? code;
  }

  caption(table: StatisticsTableDto): string {
    const title = this.say(`table_${table.id}`);
    const template = table.id.startsWith('decision-')
      ? this.t.tableCaption_decisions
      : table.columnDimension === 'DESTINATION_COUNTRY'
        ? table.id.startsWith('verification')
          ? this.t.tableCaption_verifications
          : this.t.tableCaption_cases
        : this.t.tableCaption;
    return fill(template, { title });
  }
}

function filterForm(w: Words, input: StatsPageInput): string {
  const { t } = w;
  const select = (name: keyof StatsFilters, label: string, options: [string, string][]) => {
    const items = [['', t.all] as [string, string], ...options]
      .map(
        ([value, text]) =>
          `<option value="${e(value)}"${(input.filters[name] ?? '') === value ? ' selected' : ''}>${e(text)}</option>`,
      )
      .join('');
    return `<div class="field"><label for="filter-${name}">${e(label)}</label><select id="filter-${name}" name="${name}">${items}</select></div>`;
  };
  const d = input.dimensions;
  return `<section class="card" aria-labelledby="filters-title"><h2 id="filters-title">${e(t.filtersTitle)}</h2>
<form class="stats-filters" method="get" action="/stats">
${select(
  'country',
  t.country,
  d.countries.map((c) => [c, w.column(input, c)]),
)}
${select(
  'period',
  t.period,
  d.years.map((y) => [y, y === 'OTHER' ? t.period_OTHER : y]),
)}
${select(
  'type',
  t.type,
  d.types.map((type) => [type, type === 'OTHER' ? t.type_OTHER : typeName(w.lang, type)]),
)}
<div class="actions"><button type="submit">${e(t.apply)}</button><a class="button secondary" href="/stats">${e(t.reset)}</a></div>
</form></section>`;
}

function headline(w: Words, h: StatisticsHeadlineDto): string {
  const { t } = w;
  const figure = (value: string | null, label: string) =>
    `<li><span class="figure">${value === null ? `<span aria-hidden="true">×</span> <span class="figure-note">${e(t.notPublished)}</span>` : e(value)}</span> <span>${e(label)}</span></li>`;
  return `<section aria-labelledby="headline-title"><h2 id="headline-title">${e(t.headlineTitle)}</h2>
<ul class="figures" id="headline">
${figure(h.certified === null ? null : w.count(h.certified), t.certified)}
${figure(h.venezuelanMigrants === null ? null : w.share(h.venezuelanMigrants), t.veMigrants)}
${figure(h.women === null ? null : w.share(h.women), t.women)}
</ul>${h.certified ? '' : `<p class="muted">${e(t.nothing)}</p>`}</section>`;
}

function cellHtml(w: Words, table: StatisticsTableDto, cell: StatisticsCellDto): string {
  if (cell.suppressed) {
    return `<td class="suppressed" data-suppressed="true"><span aria-hidden="true">×</span><span class="sr-only">${e(w.t.suppressed)}</span></td>`;
  }
  const share =
    cell.share !== null && table.rowDimension !== 'period'
      ? ` <span class="muted">(${e(w.share(cell.share))})</span>`
      : '';
  return `<td data-value="${cell.value}">${e(w.count(cell.value!))}${share}</td>`;
}

function dataTable(w: Words, table: StatisticsTableDto, input: StatsPageInput): string {
  const head = table.columns.map((c) => `<th scope="col">${e(w.column(input, c))}</th>`).join('');
  const body = table.rows
    .map(
      (row) =>
        `<tr data-code="${e(row.code)}"><th scope="row">${e(w.code(table, row.code))}</th>${row.cells.map((cell) => cellHtml(w, table, cell)).join('')}</tr>`,
    )
    .join('');
  // The median days to decision: only where the decided cases are a published cell of k.
  const medians = table.medianDaysToDecision
    ? `<tfoot><tr class="median"><th scope="row">${e(w.t.medianDays)}</th>${table.medianDaysToDecision
        .map((days) =>
          days === null
            ? `<td class="suppressed"><span aria-hidden="true">×</span><span class="sr-only">${e(w.t.suppressed)}</span></td>`
            : `<td data-median="${days}">${e(w.count(days))}</td>`,
        )
        .join('')}</tr></tfoot>`
    : '';
  return `<div class="table-scroll" role="region" aria-labelledby="${e(table.id)}-caption" tabindex="0"><table class="stats-table" data-table="${e(table.id)}"><caption id="${e(table.id)}-caption">${e(w.caption(table))}</caption>
<thead><tr><th scope="col">${e(w.t.code)}</th>${head}</tr></thead><tbody>${body}</tbody>${medians}</table></div>`;
}

function chartOf(w: Words, table: StatisticsTableDto, input: StatsPageInput): string {
  const { t } = w;
  const column = table.columns[0];
  const scope = column === ALL ? t.scopeAll : w.column(input, column);
  const title = w.say(`table_${table.id}`);
  const id = `chart-${table.id}`;
  let points: ChartPoint[];
  let chart: string;
  if (table.rowDimension === 'period') {
    const quarters = table.rows.filter((r) => r.code.includes('-Q'));
    points = quarters.map((row, i) => {
      const [year, quarter] = row.code.split('-Q');
      const cell = row.cells[0];
      return {
        label: fill(t.quarter, { n: quarter }),
        sublabel: quarter === '1' || i === 0 ? year : undefined,
        value: cell.value,
        text: cell.value === null ? t.suppressedShort : w.count(cell.value),
      };
    });
    const values = points.map((p, i) => `${w.code(table, quarters[i].code)}: ${p.text}`).join('; ');
    chart = seriesChart({ id, title, points, desc: fill(t.descSeries, { scope, values }) });
  } else {
    points = table.rows
      .filter((r) => r.code !== ALL)
      .map((row) => {
        const cell = row.cells[0];
        const text = cell.suppressed
          ? `× ${t.suppressedShort}`
          : cell.share === null
            ? w.count(cell.value!)
            : w.share(cell.share);
        return { label: w.code(table, row.code), value: cell.share, text };
      });
    const values = points.map((p) => `${p.label}: ${p.text}`).join('; ');
    const dimension = title.toLowerCase();
    chart = barChart({ id, title, points, desc: fill(t.descBars, { dimension, scope, values }) });
  }
  return `<figure class="chart-figure">${chart}<figcaption class="muted">${e(t.chartNote)}</figcaption></figure>`;
}

function csvLink(w: Words, table: StatisticsTableDto, filters: StatsFilters): string {
  const params = new URLSearchParams();
  for (const name of ['country', 'period', 'type'] as const) {
    const value = filters[name];
    if (value) params.set(name, value);
  }
  const query = params.size ? `?${params.toString()}` : '';
  return `<a class="button secondary" href="/stats/tables/${e(table.id)}/csv${e(query)}" download="reconoce-${e(table.id)}.csv">${e(w.t.csv)}</a>`;
}

function tableSection(w: Words, table: StatisticsTableDto, input: StatsPageInput): string {
  const title = w.say(`table_${table.id}`);
  return `<section class="card stats-section" aria-labelledby="${e(table.id)}-title" id="table-${e(table.id)}"><h2 id="${e(table.id)}-title">${e(title)}</h2>
<div class="stats-pair">${chartOf(w, table, input)}${dataTable(w, table, input)}</div>
${table.columnDimension === 'DESTINATION_COUNTRY' ? `<p class="muted">${e(w.t.activityNote)}</p>` : ''}<p class="actions">${csvLink(w, table, input.filters)}</p></section>`;
}

/** The public statistics dashboard: headline, filters, and every table as a chart and a table. */
export function renderStatsPage(input: StatsPageInput): string {
  const w = new Words(input.lang);
  const { t } = w;
  const query = Object.fromEntries(Object.entries(input.filters).filter(([, v]) => Boolean(v)));
  const jsonQuery = new URLSearchParams(query).toString();
  const jsonHref = `/stats/headline${jsonQuery ? `?${jsonQuery}` : ''}`;
  const main = `<h1>${e(t.title)}</h1>
<p class="lead">${e(fill(t.intro, { k: input.dimensions.k, kSensitive: input.dimensions.kSensitive }))}</p>
${headline(w, input.headline)}
${filterForm(w, input)}
${input.tables.map((table) => tableSection(w, table, input)).join('\n')}
<p class="muted">${fill(e(t.json), { link: `<a href="${e(jsonHref)}">${e(jsonHref)}</a>` })}</p>`;
  return renderPage({ lang: input.lang, title: t.title, path: '/stats', query, main });
}
