import { escapeHtml as e } from '../../common/i18n/i18n.js';
import { fill } from '../messages/define.js';
import { PORTAL_MESSAGES } from '../messages/portal-messages.js';
import type { PortalContext, SignedInContext } from './portal-context.js';
import {
  browserTimeZoneField,
  documentFields,
  TIME_ZONE_SCRIPT,
  type DocumentValues,
} from './portal-forms.js';
import {
  csrfField,
  errorSummary,
  portalPage,
  textField,
  type FieldErrors,
  type Option,
} from './portal-view.js';

/** The printable recovery codes, shown once: after sign-up, or when the holder makes new ones. */
export function renderRecoveryCodesPage(
  ctx: PortalContext,
  input: { codes: string[]; next: string },
): string {
  const t = PORTAL_MESSAGES[ctx.lang];
  const codes = input.codes.map((code) => `<li><code>${e(code)}</code></li>`).join('');
  const main = `<h1>${e(t.recoveryCodesTitle)}</h1>
<p>${e(t.recoveryCodesText)}</p>
<ol class="card recovery-codes" aria-label="${e(t.recoveryCodesListLabel)}">${codes}</ol>
<p><a class="button" href="${e(input.next)}">${e(t.recoveryCodesContinue)}</a></p>`;
  return portalPage(ctx, { title: t.recoveryCodesTitle, path: '/portal/recovery-codes', main });
}

/** The account page's section: how many codes are left, and a button for new ones. */
export function recoveryCodesSection(ctx: SignedInContext, remaining: number): string {
  const t = PORTAL_MESSAGES[ctx.lang];
  return `<section class="card" aria-labelledby="recovery-title"><h2 id="recovery-title">${e(t.recoveryCodesSection)}</h2>
<p>${e(fill(t.recoveryCodesLeft, { count: remaining }))} ${e(t.recoveryCodesSectionText)}</p>
<form method="post" action="/portal/account/recovery-codes">${csrfField(ctx)}
<button type="submit" class="secondary">${e(t.recoveryCodesButton)}</button></form></section>`;
}

/** Forgot password: the document, a recovery code (personal or assisted) and a new password. */
export function renderRecoverPage(
  ctx: PortalContext,
  input: {
    countries: Option[];
    values?: Partial<DocumentValues & { recoveryCode: string }>;
    errors?: FieldErrors;
    problem?: string;
  },
): string {
  const t = PORTAL_MESSAGES[ctx.lang];
  const errors = input.errors ?? {};
  const main = `<h1>${e(t.recoverTitle)}</h1>
<p>${e(t.recoverIntro)}</p>
${errorSummary(ctx.lang, errors, input.problem)}
<form class="stack card" method="post" action="/portal/recover" novalidate>
${csrfField(ctx)}${browserTimeZoneField}
${documentFields(ctx.lang, input.values ?? {}, input.countries, errors)}
${textField({
  name: 'recoveryCode',
  label: t.recoveryCode,
  hint: t.claimCodeHint,
  value: input.values?.recoveryCode,
  autocomplete: 'off',
  maxLength: 64,
  extra: ' autocapitalize="characters" spellcheck="false"',
  errors,
})}
${textField({ name: 'password', label: t.newPassword, hint: t.passwordHint, type: 'password', autocomplete: 'new-password', errors })}
<button type="submit">${e(t.recoverButton)}</button>
</form>
<p>${e(t.recoverNoCode)}</p>`;
  return portalPage(ctx, {
    title: t.recoverTitle,
    path: '/portal/recover',
    main,
    scripts: [TIME_ZONE_SCRIPT],
  });
}
