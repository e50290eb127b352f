import { escapeHtml as e, formatDate, type Lang } from '../../common/i18n/i18n.js';
import type { CaseView } from '../../modules/recognition-cases/case-views.js';
import { csrfInput } from '../csrf.js';
import { icon, renderPage, type Tone } from '../layout.js';
import { fill } from '../messages/define.js';
import { CONSOLE_MESSAGES, type ConsoleMessages } from '../messages/console-messages.js';
import { VERIFY_MESSAGES } from '../messages/verify-messages.js';
import { badge } from '../portal/portal-view.js';
import type { ConsoleContext } from './console-context.js';

export type ConsoleNavItem = 'queue' | 'figures';

/** Console messages by a key built from data (a status, a route). */
export function say(lang: Lang, key: string): string {
  const t = CONSOLE_MESSAGES[lang];
  return key in t ? t[key as keyof ConsoleMessages] : key;
}

/**
 * The verify page's words for the codes both pages show (legalisation, assurance level, the
 * engine's outcomes, reasons and conditions); the code itself when there are none.
 */
export function sayCode(lang: Lang, key: string): string {
  const t = VERIFY_MESSAGES[lang];
  return key in t ? t[key as keyof typeof t] : key;
}

export const csrfField = (ctx: ConsoleContext): string => csrfInput(ctx.csrf);

function consoleNav(ctx: ConsoleContext, current: ConsoleNavItem | undefined): string {
  const t = CONSOLE_MESSAGES[ctx.lang];
  if (!ctx.worker) return '';
  const links: [ConsoleNavItem, string, string][] = [
    ['queue', '/console/cases', t.navQueue],
    ['figures', '/console/figures', t.navFigures],
  ];
  const items = links
    .map(
      ([item, href, label]) =>
        `<li><a href="${href}"${item === current ? ' aria-current="page"' : ''}>${e(label)}</a></li>`,
    )
    .join('');
  const who = fill(t.signedInAs, {
    name: ctx.worker.name,
    authority: ctx.worker.authorityName,
  });
  const logout = `<li><form method="post" action="/console/logout">${csrfField(ctx)}<button type="submit">${e(t.logout)}</button></form></li>`;
  return `<nav class="portal-nav console-nav" aria-label="${e(t.console)}"><p class="console-who">${e(who)}</p><ul>${items}${logout}</ul></nav>`;
}

export interface ConsolePageInput {
  title: string;
  path: string;
  main: string;
  current?: ConsoleNavItem;
  query?: Record<string, string | undefined>;
}

export function consolePage(ctx: ConsoleContext, input: ConsolePageInput): string {
  return renderPage({
    lang: ctx.lang,
    title: `${input.title} · ${CONSOLE_MESSAGES[ctx.lang].console}`,
    path: input.path,
    query: input.query,
    main: input.main,
    nav: consoleNav(ctx, input.current),
  });
}

/** A confirmation after a redirect (`?done=…`), in words. */
export function notice(lang: Lang, done: unknown): string {
  if (typeof done !== 'string' || !/^\w{1,20}$/.test(done)) return '';
  const key = `done_${done}`;
  const text = say(lang, key);
  if (text === key) return '';
  return `<div class="notice ok" role="status">${icon('ok')}<p>${e(text)}</p></div>`;
}

const STATUS_TONE: Record<string, Tone> = {
  SUBMITTED: 'ok',
  IN_REVIEW: 'ok',
  INFO_REQUESTED: 'warn',
  DECIDED: 'ok',
  WITHDRAWN: 'bad',
};

export function statusBadges(lang: Lang, c: CaseView): string {
  const status = badge(STATUS_TONE[c.status] ?? 'warn', say(lang, `status_${c.status}`));
  return c.term.overdue ? `${status} ${badge('bad', say(lang, 'overdue'))}` : status;
}

/** The legal term in words: the deadline, stopped, or passed with what silence means. */
export function termText(lang: Lang, c: CaseView): string {
  const t = CONSOLE_MESSAGES[lang];
  if (c.term.paused) return e(t.paused);
  if (!c.term.deadline) return '';
  const date = formatDate(c.term.deadline, lang);
  if (c.term.overdue) {
    const silence = c.term.silenceNow ? say(lang, `silence_${c.term.silenceNow}`) : '';
    return `<strong>${e(fill(t.overdueSince, { date }))}</strong> ${e(silence)}`;
  }
  return e(fill(t.deadlineDate, { date, days: String(c.term.daysLeft ?? 0) }));
}

/** A short reference a person can read aloud: the first characters of the case id. */
export const caseRef = (id: string): string => id.slice(0, 8).toUpperCase();
