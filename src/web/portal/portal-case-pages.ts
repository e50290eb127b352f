import type { CaseView } from '../../modules/recognition-cases/case-views.js';
import { escapeHtml as e, formatDate } from '../../common/i18n/i18n.js';
import { definitionList, type Tone } from '../layout.js';
import { fill } from '../messages/define.js';
import { PORTAL_MESSAGES } from '../messages/portal-messages.js';
import type { SignedInContext } from './portal-context.js';
import { badge, portalPage, say } from './portal-view.js';

const STATUS_TONE: Record<string, Tone> = {
  SUBMITTED: 'ok',
  IN_REVIEW: 'ok',
  INFO_REQUESTED: 'warn',
  DECIDED: 'ok',
  WITHDRAWN: 'bad',
};

const statusBadge = (ctx: SignedInContext, c: CaseView) =>
  badge(
    c.term.overdue ? 'warn' : (STATUS_TONE[c.status] ?? 'warn'),
    say(ctx.lang, `case_${c.status}`),
  );

const list = (items: string[]) =>
  items.length > 0 ? `<ul>${items.map((item) => `<li>${e(item)}</li>`).join('')}</ul>` : '';

/** The legal term in words: the deadline, paused, or passed with what silence means. */
function termText(ctx: SignedInContext, c: CaseView): string {
  const t = PORTAL_MESSAGES[ctx.lang];
  if (c.term.paused) return e(t.casePaused);
  if (!c.term.deadline) return '';
  const date = formatDate(c.term.deadline, ctx.lang);
  if (c.term.overdue) {
    const silence = c.term.silenceNow ? say(ctx.lang, `caseSilence_${c.term.silenceNow}`) : '';
    return `<strong>${e(fill(t.caseOverdue, { date }))}</strong> ${e(silence)}`;
  }
  return e(fill(t.caseDeadlineDate, { date, days: String(c.term.daysLeft ?? 0) }));
}

export function renderCasesPage(ctx: SignedInContext, input: { cases: CaseView[] }): string {
  const t = PORTAL_MESSAGES[ctx.lang];
  const items = input.cases
    .map(
      (c) => `<li>${statusBadge(ctx, c)}
<h2><a href="/portal/cases/${e(c.id)}">${e(fill(t.caseTo, { authority: c.authority.name, country: c.destinationCountry }))}</a></h2>
<p class="muted">${e(t.caseSubmitted)} ${e(formatDate(c.submittedAt, ctx.lang))}</p>
${c.term.deadline || c.term.paused ? `<p>${e(t.caseDeadline)}: ${termText(ctx, c)}</p>` : ''}</li>`,
    )
    .join('\n');
  const main = `<h1>${e(t.casesTitle)}</h1>
${items ? `<ul class="items">${items}</ul>` : `<p>${e(t.casesEmpty)}</p>`}
<p class="muted">${e(t.casesHow)}</p>`;
  return portalPage(ctx, { title: t.casesTitle, path: '/portal/cases', main, current: 'cases' });
}

export function renderCasePage(ctx: SignedInContext, c: CaseView): string {
  const t = PORTAL_MESSAGES[ctx.lang];
  const messages = c.messages
    .map(
      (m) => `<li><h3>${e(say(ctx.lang, `caseMsg_${m.kind}`))}</h3>
<p class="muted">${e(formatDate(m.createdAt, ctx.lang))}</p>
${m.body ? `<p>${e(m.body)}</p>` : ''}
${
  m.files.length > 0
    ? `<p>${e(t.caseFiles)}: ${m.files.map((f) => `<a href="/portal/cases/${e(c.id)}/files/${e(f.id)}">${e(f.filename)}</a>`).join(', ')}</p>`
    : ''
}</li>`,
    )
    .join('\n');
  const d = c.decision;
  const decision = d
    ? `<section class="card" aria-labelledby="decision-title"><h2 id="decision-title">${e(t.caseDecision)}</h2>
${definitionList([
  [
    t.caseDecision,
    e(
      `${say(ctx.lang, `caseOutcome_${d.outcome}`)} · ${d.decisionNumber} · ${formatDate(d.decisionDate, ctx.lang)}`,
    ),
  ],
  [t.caseConditions, list(d.conditions.map((x) => x.description))],
  [t.caseReasons, list(d.reasons)],
])}
${c.decisionCredentialId ? `<p><a class="button" href="/portal/credentials/${e(c.decisionCredentialId)}">${e(t.caseDecisionCredential)}</a></p>` : ''}
</section>`
    : '';
  const title = fill(t.caseTo, { authority: c.authority.name, country: c.destinationCountry });
  const main = `<h1>${e(title)}</h1>
<p>${statusBadge(ctx, c)}</p>
${definitionList([
  [t.caseSubmitted, e(formatDate(c.submittedAt, ctx.lang))],
  [t.caseDeadline, termText(ctx, c)],
])}
${decision}
<section aria-labelledby="messages-title"><h2 id="messages-title">${e(t.caseMessages)}</h2>
<ul class="items">${messages}</ul></section>`;
  return portalPage(ctx, { title, path: `/portal/cases/${c.id}`, main, current: 'cases' });
}
