import type { HolderCredentialView } from '../../modules/holders/services/holder-records.service.js';
import { escapeHtml as e, formatDate, type Lang } from '../../common/i18n/i18n.js';
import { formatDateTimeIn } from '../../common/i18n/time-zones.js';
import { definitionList, type Tone } from '../layout.js';
import { PORTAL_MESSAGES, type PortalMessages } from '../messages/portal-messages.js';
import { VERIFY_MESSAGES, type VerifyMessageKey } from '../messages/verify-messages.js';
import type { PortalContext, SignedInContext } from './portal-context.js';
import { badge, csrfField, notice, portalPage, say } from './portal-view.js';

const downloadLabel = (t: PortalMessages, format: HolderCredentialView['format']): string => {
  switch (format) {
    case 'jwt':
      return t.downloadJwt;
    case 'openbadges-3.0':
      return t.downloadOpenBadge;
    case 'di':
      return t.downloadJson;
  }
};

/** A check of a link, as the holder sees it: no verifier data, only what they declared. */
export interface CheckEvent {
  at: Date;
  country: string | null;
  purpose: string | null;
  status: string;
  outcome: string | null;
  shareId: string | null;
}

export type CountryNames = Map<string, string>;

type Standing = 'VALID' | 'EXPIRED' | 'SUSPENDED' | 'REVOKED';

const STANDING_TONE: Record<Standing, Tone> = {
  VALID: 'ok',
  EXPIRED: 'warn',
  SUSPENDED: 'warn',
  REVOKED: 'bad',
};

/** What a credential's status means today: the issuer's status, then whether it expired. */
export function standingOf(credential: Pick<HolderCredentialView, 'status' | 'expired'>): Standing {
  if (credential.status === 'REVOKED') return 'REVOKED';
  if (credential.status === 'SUSPENDED') return 'SUSPENDED';
  return credential.expired ? 'EXPIRED' : 'VALID';
}

export function standingBadge(lang: Lang, credential: HolderCredentialView): string {
  const standing = standingOf(credential);
  return badge(STANDING_TONE[standing], say(lang, `status_${standing}`));
}

const verifyWord = (lang: Lang, key: string): string => {
  const t = VERIFY_MESSAGES[lang];
  return key in t ? t[key as VerifyMessageKey] : key;
};

export function typeName(lang: Lang, type: string): string {
  return verifyWord(lang, type);
}

function issuerLine(credential: HolderCredentialView, countries: CountryNames): string {
  const country = credential.issuer.country
    ? (countries.get(credential.issuer.country) ?? credential.issuer.country)
    : '';
  return [credential.issuer.name, country].filter(Boolean).join(' · ');
}

/** Who checked a credential or a share: when, for which declared country and purpose, result. */
export function checksList(
  { lang, timeZone }: Pick<PortalContext, 'lang' | 'timeZone'>,
  events: CheckEvent[],
  countries: CountryNames,
  showVia: boolean,
): string {
  const t = PORTAL_MESSAGES[lang];
  if (events.length === 0) return `<p>${e(t.checksEmpty)}</p>`;
  const items = events
    .map((event) => {
      const country = event.country
        ? (countries.get(event.country) ?? event.country)
        : t.notDeclared;
      const purpose = event.purpose ? verifyWord(lang, event.purpose) : t.notDeclared;
      const result = verifyWord(lang, event.outcome ?? event.status);
      const via = showVia
        ? `<br><span class="muted">${e(t.checkVia)} ${e(event.shareId ? t.viaShare : t.viaLink)}</span>`
        : '';
      return `<li><strong>${e(formatDateTimeIn(event.at, lang, timeZone))}</strong><br>${e(t.checkCountry)}: ${e(country)} · ${e(t.checkPurpose)}: ${e(purpose)}<br>${e(t.checkResult)}: ${e(result)}${via}</li>`;
    })
    .join('');
  return `<ul class="items">${items}</ul>`;
}

export function renderCredentialsPage(
  ctx: SignedInContext,
  input: { credentials: HolderCredentialView[]; countries: CountryNames; done?: unknown },
): string {
  const t = PORTAL_MESSAGES[ctx.lang];
  const items = input.credentials
    .map(
      (c) => `<li>${standingBadge(ctx.lang, c)}
<h2><a href="/portal/credentials/${e(c.id)}">${e(c.summary)}</a></h2>
<p class="muted">${e(typeName(ctx.lang, c.type))}</p>
<p>${e(issuerLine(c, input.countries))}</p>
<p class="muted">${e(t.issuedOn)}: ${e(formatDate(c.validFrom, ctx.lang))}</p></li>`,
    )
    .join('\n');
  const list = items ? `<ul class="items">${items}</ul>` : `<p>${e(t.credentialsEmpty)}</p>`;
  const main = `${notice(ctx.lang, input.done)}<h1>${e(t.credentialsTitle)}</h1>
<div class="actions"><a class="button" href="/portal/shares/new">${e(t.newShare)}</a></div>
${list}
<p><a href="/portal/claims">${e(t.addDocument)}</a></p>`;
  return portalPage(ctx, {
    title: t.credentialsTitle,
    path: '/portal/credentials',
    main,
    current: 'credentials',
  });
}

export function renderCredentialPage(
  ctx: SignedInContext,
  input: {
    credential: HolderCredentialView;
    events: CheckEvent[];
    countries: CountryNames;
    done?: unknown;
  },
): string {
  const t = PORTAL_MESSAGES[ctx.lang];
  const c = input.credential;
  const base = `/portal/credentials/${encodeURIComponent(c.id)}`;
  const document = c.document
    ? `${say(ctx.lang, `doc_${c.document.type}`)} · ${input.countries.get(c.document.country) ?? c.document.country} · ${c.document.last4 ? `…${c.document.last4}` : ''}`
    : '';
  const linkState = c.verifyLinkEnabled ? t.verifyLinkOn : t.verifyLinkOff;
  const main = `${notice(ctx.lang, input.done)}<p><a href="/portal/credentials">← ${e(t.navCredentials)}</a></p>
${standingBadge(ctx.lang, c)}
<h1>${e(c.summary)}</h1>
<p class="muted">${e(typeName(ctx.lang, c.type))}</p>
<div class="actions"><a class="button" href="/portal/shares/new?credential=${e(encodeURIComponent(c.id))}">${e(t.shareThis)}</a></div>
<section class="card" aria-label="${e(typeName(ctx.lang, c.type))}">
${definitionList([
  [t.issuedBy, e(issuerLine(c, input.countries))],
  [t.issuedOn, e(formatDate(c.validFrom, ctx.lang))],
  [t.validUntil, e(c.validUntil ? formatDate(c.validUntil, ctx.lang) : t.noExpiry)],
  [t.issuedUnder, e(document)],
])}
</section>
<section class="card" aria-labelledby="download-title">
<h2 id="download-title">${e(t.downloadTitle)}</h2>
<div class="actions"><a class="button secondary" href="${base}/pdf" download>${e(t.downloadPdf)}</a><a class="button secondary" href="${base}/download" download>${e(downloadLabel(t, c.format))}</a></div>
</section>
<section class="card" aria-labelledby="link-title">
<h2 id="link-title">${e(t.verifyLinkTitle)}</h2>
<p>${e(linkState)}</p>
${c.verifyLinkEnabled ? `<p><a href="${e(c.verifyUrl)}">${e(t.openVerifyPage)}</a></p>` : ''}
<form method="post" action="${base}/verify-link">${csrfField(ctx)}<input type="hidden" name="enabled" value="${c.verifyLinkEnabled ? 'false' : 'true'}">
<button type="submit" class="secondary">${e(c.verifyLinkEnabled ? t.verifyLinkDisable : t.verifyLinkEnable)}</button></form>
</section>
<section class="card" aria-labelledby="checks-title">
<h2 id="checks-title">${e(t.checksTitle)}</h2>
${checksList(ctx, input.events, input.countries, true)}
</section>`;
  return portalPage(ctx, { title: c.summary, path: base, main, current: 'credentials' });
}
