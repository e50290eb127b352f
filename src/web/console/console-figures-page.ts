import { escapeHtml as e } from '../../common/i18n/i18n.js';
import { CASE_OUTCOMES } from '../../modules/recognition-cases/recognition-cases.constants.js';
import type { CaseworkFigures } from '../../modules/recognition-cases/services/casework.service.js';
import { definitionList } from '../layout.js';
import { CONSOLE_MESSAGES } from '../messages/console-messages.js';
import type { StaffContext } from './console-context.js';
import { consolePage, say, sayCode } from './console-view.js';

/** Outcomes by route (or legalisation) as a table: a row per route, a column per outcome. */
function outcomesTable(
  ctx: StaffContext,
  id: string,
  caption: string,
  rows: CaseworkFigures['outcomesByRoute'],
  labelPrefix: string,
  labelOf: (key: string) => string,
): string {
  const t = CONSOLE_MESSAGES[ctx.lang];
  const keys = Object.keys(rows).sort();
  if (keys.length === 0) return `<h2 id="${id}">${e(caption)}</h2><p>${e(t.figEmpty)}</p>`;
  const head = CASE_OUTCOMES.map(
    (o) => `<th scope="col">${e(say(ctx.lang, `outcome_${o}`))}</th>`,
  ).join('');
  const body = keys
    .map(
      (key) =>
        `<tr><th scope="row">${e(labelOf(`${labelPrefix}${key}`))}</th>${CASE_OUTCOMES.map(
          (o) => `<td>${rows[key][o] ?? 0}</td>`,
        ).join('')}</tr>`,
    )
    .join('');
  return `<h2 id="${id}">${e(caption)}</h2><div class="table-wrap" role="region" aria-labelledby="${id}" tabindex="0"><table class="outcomes" aria-labelledby="${id}"><thead><tr><td></td>${head}</tr></thead><tbody>${body}</tbody></table></div>`;
}

export function renderFiguresPage(ctx: StaffContext, figures: CaseworkFigures): string {
  const t = CONSOLE_MESSAGES[ctx.lang];
  const median =
    figures.medianDaysToDecision === null ? t.figNone : String(figures.medianDaysToDecision);
  const main = `<h1>${e(t.figuresTitle)}</h1>
<section class="card">${definitionList([
    [t.figOpen, String(figures.openCases)],
    [t.figOverdue, String(figures.overdueCases)],
    [t.figDecided, String(figures.decidedCases)],
    [t.figMedian, e(median)],
  ])}</section>
<section class="card">${outcomesTable(
    ctx,
    'by-route',
    t.figByRoute,
    figures.outcomesByRoute,
    'route_',
    (k) => say(ctx.lang, k),
  )}</section>
<section class="card">${outcomesTable(
    ctx,
    'by-legalisation',
    t.figByLegalisation,
    figures.outcomesByLegalisation,
    'legal_',
    (k) => sayCode(ctx.lang, k),
  )}</section>`;
  return consolePage(ctx, {
    title: t.figuresTitle,
    path: '/console/figures',
    main,
    current: 'figures',
  });
}
