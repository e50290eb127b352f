import type { DocumentView } from '../../modules/holder-identity/holder-documents.service.js';
import type { ConsentsView } from '../../modules/holders/services/holder-consents.service.js';
import type { HolderTimeZone } from '../../modules/holders/services/holder-preferences.service.js';
import { escapeHtml as e, LANGS } from '../../common/i18n/i18n.js';
import { TIME_ZONES, timeZoneName } from '../../common/i18n/time-zones.js';
import { fill } from '../messages/define.js';
import { PORTAL_MESSAGES } from '../messages/portal-messages.js';
import { SITE_MESSAGES } from '../messages/site-messages.js';
import { consentsSummary } from './portal-consent-pages.js';
import type { SignedInContext } from './portal-context.js';
import type { CountryNames } from './portal-credential-pages.js';
import { documentFields, type DocumentValues } from './portal-forms.js';
import { recoveryCodesSection } from './portal-recovery-pages.js';
import {
  csrfField,
  errorSummary,
  notice,
  portalPage,
  say,
  selectField,
  textField,
  type FieldErrors,
  type Option,
} from './portal-view.js';

/** Linking a credential issued under another document, with its claim code. */
export function renderClaimPage(
  ctx: SignedInContext,
  input: {
    countries: Option[];
    values?: Partial<DocumentValues & { claimCode: string }>;
    errors?: FieldErrors;
    problem?: string;
  },
): string {
  const t = PORTAL_MESSAGES[ctx.lang];
  const errors = input.errors ?? {};
  const main = `<h1>${e(t.claimTitle)}</h1>
<p>${e(t.claimIntro)}</p>
${errorSummary(ctx.lang, errors, input.problem)}
<form class="stack card" method="post" action="/portal/claims" novalidate>
${csrfField(ctx)}
${textField({
  name: 'claimCode',
  label: t.claimCode,
  hint: t.claimCodeHint,
  value: input.values?.claimCode,
  autocomplete: 'off',
  maxLength: 64,
  extra: ' autocapitalize="characters" spellcheck="false"',
  errors,
})}
${documentFields(ctx.lang, input.values ?? {}, input.countries, errors)}
<button type="submit">${e(t.claimButton)}</button>
</form>`;
  return portalPage(ctx, { title: t.claimTitle, path: '/portal/claims', main, current: 'claims' });
}

/** The zone the portal's times are in, where it came from, and a select to choose another. */
function timeZoneSection(ctx: SignedInContext, zone: HolderTimeZone, errors: FieldErrors): string {
  const t = PORTAL_MESSAGES[ctx.lang];
  const shown = fill(t.timeZoneText, {
    name: timeZoneName(zone.timeZone, ctx.lang),
    zone: zone.timeZone,
  });
  const options = TIME_ZONES.map((name) => ({ value: name, label: name.replace(/_/g, ' ') }));
  return `<section class="card" aria-labelledby="time-zone-title"><h2 id="time-zone-title">${e(t.timeZoneTitle)}</h2>
<p>${e(shown)} ${e(say(ctx.lang, `timeZoneFrom_${zone.source}`))}</p>
<form class="stack" method="post" action="/portal/account/time-zone" novalidate>${csrfField(ctx)}
${selectField({
  name: 'timeZone',
  label: t.timeZoneLabel,
  hint: t.timeZoneHint,
  options,
  placeholder: t.chooseTimeZone,
  value: zone.source === 'ACCOUNT' ? zone.timeZone : undefined,
  errors,
})}
<button type="submit" class="secondary">${e(t.statsButton)}</button></form></section>`;
}

/** The holder's documents, language, time zone, consents, data export and erasure. */
export function renderAccountPage(
  ctx: SignedInContext,
  input: {
    documents: DocumentView[];
    countries: CountryNames;
    consents: ConsentsView;
    timeZone: HolderTimeZone;
    /** Unused personal recovery codes. */
    recoveryCodes: number;
    done?: unknown;
    errors?: FieldErrors;
  },
): string {
  const t = PORTAL_MESSAGES[ctx.lang];
  const site = SITE_MESSAGES[ctx.lang];
  const errors = input.errors ?? {};
  const documents = input.documents
    .map((d) => {
      const country = input.countries.get(d.country) ?? d.country;
      const ending = d.last4 ? ` · ${fill(t.documentEnding, { last4: d.last4 })}` : '';
      return `<li>${e(say(ctx.lang, `doc_${d.type}`))} · ${e(country)}${e(ending)}</li>`;
    })
    .join('');
  const languages = LANGS.map(
    (lang) =>
      `<li><a href="/portal/account?lang=${lang}" hreflang="${lang}" lang="${lang}"${lang === ctx.lang ? ' aria-current="page"' : ''}>${e(site[`langName_${lang}`])}</a></li>`,
  ).join('');
  const confirmError = errors.confirm
    ? `<p class="error" id="confirm-error">${e(errors.confirm)}</p>`
    : '';
  const main = `<h1>${e(t.accountTitle)}</h1>
${notice(ctx.lang, input.done)}${errorSummary(ctx.lang, errors)}
<section class="card" aria-labelledby="export-title"><h2 id="export-title">${e(t.exportTitle)}</h2><p>${e(t.exportText)}</p>
<a class="button secondary" href="/portal/account/export" download>${e(t.exportButton)}</a></section>
<section class="card" aria-labelledby="documents-title"><h2 id="documents-title">${e(t.documentsTitle)}</h2><ul>${documents}</ul>
<p><a href="/portal/claims">${e(t.addDocument)}</a></p></section>
<section class="card" aria-labelledby="language-title"><h2 id="language-title">${e(t.languageTitle)}</h2><ul>${languages}</ul></section>
${recoveryCodesSection(ctx, input.recoveryCodes)}
${timeZoneSection(ctx, input.timeZone, errors)}
${consentsSummary(ctx, input.consents)}
<section class="card" aria-labelledby="delete-title"><h2 id="delete-title">${e(t.deleteTitle)}</h2><p>${e(t.deleteText)}</p>
<form class="stack" method="post" action="/portal/account/delete" novalidate>${csrfField(ctx)}
${confirmError}<label class="choice" for="confirm"><input type="checkbox" id="confirm" name="confirm" value="yes" required${errors.confirm ? ' aria-invalid="true" aria-describedby="confirm-error"' : ''}><span>${e(t.deleteConfirm)}</span></label>
<button type="submit" class="danger">${e(t.deleteButton)}</button></form></section>`;
  return portalPage(ctx, {
    title: t.accountTitle,
    path: '/portal/account',
    main,
    current: 'account',
  });
}
