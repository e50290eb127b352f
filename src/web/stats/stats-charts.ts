import { scaleBand, scaleLinear } from 'd3-scale';
import { area, line } from 'd3-shape';
import { escapeHtml as e } from '../../common/i18n/i18n.js';

/** One value of a chart; null when the cell is suppressed (drawn marked, never as 0). */
export interface ChartPoint {
  label: string;
  /** A second line under the label (the year under its first quarter). */
  sublabel?: string;
  value: number | null;
  /** The value as words, in the page's language ("65 %", "120"). */
  text: string;
}

export interface ChartInput {
  id: string;
  title: string;
  /** The chart's content in words, for screen readers; the table beside it has the numbers. */
  desc: string;
  points: ChartPoint[];
}

// Narrow view boxes: the SVG scales to the column, so text stays readable on a 360 px phone.
const WIDTH = 400;

function svgOpen(input: ChartInput, height: number): string {
  return `<svg class="chart" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-labelledby="${e(input.id)}-title ${e(input.id)}-desc" focusable="false"><title id="${e(input.id)}-title">${e(input.title)}</title><desc id="${e(input.id)}-desc">${e(input.desc)}</desc>`;
}

const round = (n: number) => Math.round(n * 10) / 10;

/**
 * A time series (certifications by quarter) drawn with d3-shape: an area and a line that break
 * where a quarter is suppressed, with a × at the baseline there instead of a point at zero.
 */
export function seriesChart(input: ChartInput): string {
  const height = 220;
  const margin = { top: 16, right: 12, bottom: 44, left: 44 };
  const x = scaleBand<number>()
    .domain(input.points.map((_, i) => i))
    .range([margin.left, WIDTH - margin.right])
    .padding(0.2);
  const max = Math.max(1, ...input.points.map((p) => p.value ?? 0));
  const y = scaleLinear()
    .domain([0, max])
    .nice(4)
    .range([height - margin.bottom, margin.top]);
  const centre = (i: number) => round(x(i)! + x.bandwidth() / 2);
  const indexed = input.points.map((point, i) => ({ point, i }));
  const defined = (d: { point: ChartPoint }) => d.point.value !== null;
  const areaPath = area<{ point: ChartPoint; i: number }>()
    .defined(defined)
    .x((d) => centre(d.i))
    .y0(y(0))
    .y1((d) => round(y(d.point.value!)))(indexed);
  const linePath = line<{ point: ChartPoint; i: number }>()
    .defined(defined)
    .x((d) => centre(d.i))
    .y((d) => round(y(d.point.value!)))(indexed);
  const grid = y
    .ticks(4)
    .map(
      (tick) =>
        `<line class="chart-grid" x1="${margin.left}" x2="${WIDTH - margin.right}" y1="${round(y(tick))}" y2="${round(y(tick))}"/><text class="chart-axis" x="${margin.left - 6}" y="${round(y(tick)) + 4}" text-anchor="end">${tick}</text>`,
    )
    .join('');
  const marks = indexed
    .map(({ point, i }) => {
      const label = `<text class="chart-axis" x="${centre(i)}" y="${height - margin.bottom + 16}" text-anchor="middle">${e(point.label)}</text>${point.sublabel ? `<text class="chart-axis" x="${centre(i)}" y="${height - margin.bottom + 32}" text-anchor="middle">${e(point.sublabel)}</text>` : ''}`;
      const mark =
        point.value === null
          ? `<text class="chart-suppressed" x="${centre(i)}" y="${round(y(0)) - 4}" text-anchor="middle">×</text>`
          : `<circle class="chart-point" cx="${centre(i)}" cy="${round(y(point.value))}" r="3.5"/>`;
      return label + mark;
    })
    .join('');
  return `${svgOpen(input, height)}<g aria-hidden="true">${grid}${areaPath ? `<path class="chart-area" d="${areaPath}"/>` : ''}${linePath ? `<path class="chart-line" d="${linePath}"/>` : ''}${marks}</g></svg>`;
}

/** Shares as horizontal bars, each label above its bar so that long labels fit a phone. */
export function barChart(input: ChartInput): string {
  const row = 40;
  const top = 8;
  const height = top + row * input.points.length + 4;
  const valueRoom = 96;
  const x = scaleLinear()
    .domain([0, Math.max(0.01, ...input.points.map((p) => p.value ?? 0))])
    .range([0, WIDTH - valueRoom]);
  const y = scaleBand<number>()
    .domain(input.points.map((_, i) => i))
    .range([top, top + row * input.points.length]);
  const bars = input.points
    .map((point, i) => {
      const rowTop = y(i)!;
      const label = `<text class="chart-label" x="0" y="${rowTop + 13}">${e(point.label)}</text>`;
      // No bar without a published share: the text says why (suppressed, or no total).
      if (point.value === null) {
        return `${label}<text class="chart-suppressed" x="0" y="${rowTop + 32}">${e(point.text)}</text>`;
      }
      const width = round(Math.max(1, x(point.value)));
      return `${label}<rect class="chart-bar" x="0" y="${rowTop + 19}" width="${width}" height="14" rx="2"/><text class="chart-value" x="${width + 6}" y="${rowTop + 31}">${e(point.text)}</text>`;
    })
    .join('');
  return `${svgOpen(input, height)}<g aria-hidden="true">${bars}</g></svg>`;
}
