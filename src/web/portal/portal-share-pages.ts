import type { HolderCredentialView } from '../../modules/holders/services/holder-records.service.js';
import type { ShareView } from '../../modules/holder-shares/shares.service.js';
import { escapeHtml as e } from '../../common/i18n/i18n.js';
import { formatDateIn, formatDateTimeIn } from '../../common/i18n/time-zones.js';
import { type Tone } from '../layout.js';
import { fill } from '../messages/define.js';
import { PORTAL_MESSAGES } from '../messages/portal-messages.js';
import type { SignedInContext } from './portal-context.js';
import {
  checksList,
  standingBadge,
  typeName,
  type CheckEvent,
  type CountryNames,
} from './portal-credential-pages.js';
import {
  badge,
  csrfField,
  errorSummary,
  notice,
  portalPage,
  say,
  type FieldErrors,
} from './portal-view.js';

/** How long a share may last, in days: the choices offered. */
export const SHARE_DAYS = [1, 7, 30, 90, 365] as const;
export const DEFAULT_SHARE_DAYS = 7;

const SHARE_TONE: Record<ShareView['status'], Tone> = {
  ACTIVE: 'ok',
  EXPIRED: 'warn',
  REVOKED: 'bad',
};

function shareBadge(ctx: SignedInContext, share: ShareView): string {
  return badge(SHARE_TONE[share.status], say(ctx.lang, `share_${share.status}`));
}

function titlesOf(share: ShareView, credentials: HolderCredentialView[]): string[] {
  return share.credentialIds.map((id) => credentials.find((c) => c.id === id)?.summary ?? id);
}

export function renderSharesPage(
  ctx: SignedInContext,
  input: { shares: ShareView[]; credentials: HolderCredentialView[]; done?: unknown },
): string {
  const t = PORTAL_MESSAGES[ctx.lang];
  const items = input.shares
    .map((share) => {
      const titles = titlesOf(share, input.credentials);
      return `<li>${shareBadge(ctx, share)}
<h2><a href="/portal/shares/${e(share.id)}">${e(share.label ?? t.shareUntitled)}</a></h2>
<p>${e(t.shareCredentials)}: ${e(titles.join(', '))}</p>
<p class="muted">${e(fill(t.shareUntil, { date: formatDateTimeIn(share.expiresAt, ctx.lang, ctx.timeZone) }))}</p></li>`;
    })
    .join('\n');
  const list = items ? `<ul class="items">${items}</ul>` : `<p>${e(t.sharesEmpty)}</p>`;
  const main = `${notice(ctx.lang, input.done)}<h1>${e(t.sharesTitle)}</h1>
<div class="actions"><a class="button" href="/portal/shares/new">${e(t.newShare)}</a></div>
${list}`;
  return portalPage(ctx, { title: t.sharesTitle, path: '/portal/shares', main, current: 'shares' });
}

export function renderNewSharePage(
  ctx: SignedInContext,
  input: {
    credentials: HolderCredentialView[];
    chosen: string[];
    days: number;
    label?: string;
    errors?: FieldErrors;
  },
): string {
  const t = PORTAL_MESSAGES[ctx.lang];
  const errors = input.errors ?? {};
  if (input.credentials.length === 0) {
    return portalPage(ctx, {
      title: t.shareCreateTitle,
      path: '/portal/shares/new',
      current: 'shares',
      main: `<h1>${e(t.shareCreateTitle)}</h1><p>${e(t.shareNoCredentials)}</p><p><a class="button" href="/portal/claims">${e(t.addDocument)}</a></p>`,
    });
  }
  const choices = input.credentials
    .map((c, i) => {
      const id = `credential-${i}`;
      const checked = input.chosen.includes(c.id) ? ' checked' : '';
      return `<label class="choice" for="${id}"><input type="checkbox" id="${id}" name="credentialIds" value="${e(c.id)}"${checked}><span><strong>${e(c.summary)}</strong><br><span class="muted">${e(typeName(ctx.lang, c.type))}</span> ${standingBadge(ctx.lang, c)}</span></label>`;
    })
    .join('');
  const durations = SHARE_DAYS.map((days) => {
    const checked = days === input.days ? ' checked' : '';
    return `<label class="choice" for="days-${days}"><input type="radio" id="days-${days}" name="days" value="${days}"${checked}><span>${e(say(ctx.lang, `days_${days}`))}</span></label>`;
  }).join('');
  const choiceError = errors.credentialIds
    ? `<p class="error" id="credentialIds-error">${e(errors.credentialIds)}</p>`
    : '';
  const main = `<h1>${e(t.shareCreateTitle)}</h1>
<p>${e(t.shareCreateIntro)}</p>
${errorSummary(ctx.lang, errors)}
<form class="stack card" method="post" action="/portal/shares" novalidate>
${csrfField(ctx)}
<fieldset id="credentialIds"${errors.credentialIds ? ' aria-describedby="credentialIds-error"' : ''}><legend>${e(t.shareChoose)}</legend>${choiceError}<div class="choices">${choices}</div></fieldset>
<fieldset><legend>${e(t.shareExpiry)}</legend><div class="choices inline">${durations}</div></fieldset>
<div class="field"><label for="label">${e(t.shareLabel)}</label><p class="hint" id="label-hint">${e(t.shareLabelHint)}</p>
<input id="label" name="label" type="text" maxlength="100" autocomplete="off" aria-describedby="label-hint" value="${e(input.label ?? '')}"></div>
<button type="submit">${e(t.shareCreate)}</button>
</form>`;
  return portalPage(ctx, {
    title: t.shareCreateTitle,
    path: '/portal/shares/new',
    main,
    current: 'shares',
  });
}

export function renderSharePage(
  ctx: SignedInContext,
  input: {
    share: ShareView;
    credentials: HolderCredentialView[];
    events: CheckEvent[];
    countries: CountryNames;
    linkAvailable: boolean;
    done?: unknown;
  },
): string {
  const t = PORTAL_MESSAGES[ctx.lang];
  const { share } = input;
  const base = `/portal/shares/${encodeURIComponent(share.id)}`;
  const titles = titlesOf(share, input.credentials)
    .map((title) => `<li>${e(title)}</li>`)
    .join('');
  const actions = [
    input.linkAvailable && share.status === 'ACTIVE'
      ? `<a class="button" href="${base}/qr">${e(t.shareShowQr)}</a>`
      : '',
    share.status === 'ACTIVE'
      ? `<a class="button danger" href="${base}/revoke">${e(t.shareRevoke)}</a>`
      : '',
  ].join('');
  const main = `${notice(ctx.lang, input.done)}<p><a href="/portal/shares">← ${e(t.sharesTitle)}</a></p>
${shareBadge(ctx, share)}
<h1>${e(share.label ?? t.shareUntitled)}</h1>
<p>${e(fill(t.shareUntil, { date: formatDateTimeIn(share.expiresAt, ctx.lang, ctx.timeZone) }))} · ${e(fill(t.shareCreated, { date: formatDateIn(share.createdAt, ctx.lang, ctx.timeZone) }))}</p>
<section class="card" aria-labelledby="shows-title"><h2 id="shows-title">${e(t.shareCredentials)}</h2><ul>${titles}</ul></section>
${actions ? `<div class="actions">${actions}</div>` : ''}
<section class="card" aria-labelledby="checks-title">
<h2 id="checks-title">${e(t.checksTitle)}</h2>
${checksList(ctx, input.events, input.countries, false)}
</section>`;
  return portalPage(ctx, {
    title: share.label ?? t.shareUntitled,
    path: base,
    main,
    current: 'shares',
  });
}

/** Asks before stopping a share: the link dies for everyone at once, and for good. */
export function renderRevokeConfirmPage(ctx: SignedInContext, input: { share: ShareView }): string {
  const t = PORTAL_MESSAGES[ctx.lang];
  const base = `/portal/shares/${encodeURIComponent(input.share.id)}`;
  const main = `<h1>${e(t.shareRevokeConfirmTitle)}</h1>
<p><strong>${e(input.share.label ?? t.shareUntitled)}</strong></p>
<p>${e(t.shareRevokeConfirmText)}</p>
<div class="actions"><form method="post" action="${base}/revoke">${csrfField(ctx)}<input type="hidden" name="confirm" value="yes"><button type="submit" class="danger">${e(t.shareRevoke)}</button></form>
<a class="button secondary" href="${base}">${e(t.shareKeep)}</a></div>`;
  return portalPage(ctx, {
    title: t.shareRevokeConfirmTitle,
    path: `${base}/revoke`,
    main,
    current: 'shares',
  });
}

/** The share's QR code as large as the screen allows, for another phone to scan. */
export function renderShareQrPage(
  ctx: SignedInContext,
  input: { share: ShareView; url: string | null; qrSvg: string | null },
): string {
  const t = PORTAL_MESSAGES[ctx.lang];
  const base = `/portal/shares/${encodeURIComponent(input.share.id)}`;
  const body =
    input.url && input.qrSvg
      ? `<div class="qr-view">
<h1>${e(t.qrTitle)}</h1>
<p>${e(t.qrHelp)}</p>
<figure class="qr-figure" id="qr-view">
${input.qrSvg}
<figcaption>${e(t.qrLink)}<br><a class="link" id="share-link" href="${e(input.url)}">${e(input.url)}</a></figcaption>
</figure>
<div class="actions">
<button type="button" class="secondary" id="qr-fullscreen" hidden>${e(t.fullscreen)}</button>
<button type="button" class="secondary" id="qr-copy" hidden data-copied="${e(t.copied)}">${e(t.copy)}</button>
<a class="button" href="${base}">${e(t.qrDone)}</a>
</div>
<p class="muted">${e(t.qrOnce)}</p>
</div>`
      : `<h1>${e(t.qrTitle)}</h1><p>${e(t.qrGone)}</p><div class="actions"><a class="button" href="/portal/shares/new">${e(t.newShare)}</a><a class="button secondary" href="${base}">${e(t.back)}</a></div>`;
  return portalPage(ctx, {
    title: t.qrTitle,
    path: `${base}/qr`,
    main: body,
    current: 'shares',
    scripts: input.url ? ['/assets/portal.js'] : [],
    bodyClass: 'qr-page',
    bare: true,
  });
}
