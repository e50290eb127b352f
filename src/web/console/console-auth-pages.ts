import { escapeHtml as e } from '../../common/i18n/i18n.js';
import { CONSOLE_MESSAGES } from '../messages/console-messages.js';
import { errorSummary, textField, type FieldErrors } from '../portal/portal-view.js';
import type { ConsoleContext } from './console-context.js';
import { consolePage, csrfField, notice } from './console-view.js';

export interface ConsoleFormInput {
  values?: Record<string, string>;
  errors?: FieldErrors;
  /** A message about the whole form (wrong password, used code…). */
  problem?: string;
  done?: unknown;
}

const totpField = (ctx: ConsoleContext, errors: FieldErrors) => {
  const t = CONSOLE_MESSAGES[ctx.lang];
  return textField({
    name: 'totp',
    label: t.totp,
    hint: t.totpHint,
    autocomplete: 'one-time-code',
    maxLength: 6,
    extra: ' inputmode="numeric" pattern="[0-9]{6}"',
    errors,
  });
};

/** `/console` signed out: password and a current code of the authenticator. */
export function renderConsoleLoginPage(ctx: ConsoleContext, input: ConsoleFormInput): string {
  const t = CONSOLE_MESSAGES[ctx.lang];
  const errors = input.errors ?? {};
  const main = `${notice(ctx.lang, input.done)}<h1>${e(t.loginTitle)}</h1>
<p class="lead">${e(t.loginIntro)}</p>
${errorSummary(ctx.lang, errors, input.problem)}
<form class="stack card" method="post" action="/console/login" novalidate>
${csrfField(ctx)}
${textField({ name: 'login', label: t.login, value: input.values?.login, autocomplete: 'username', maxLength: 100, extra: ' autocapitalize="none" spellcheck="false"', errors })}
${textField({ name: 'password', label: t.password, type: 'password', autocomplete: 'current-password', errors })}
${totpField(ctx, errors)}
<button type="submit">${e(t.loginButton)}</button>
</form>
<p><a href="/console/enrol">${e(t.enrolLink)}</a></p>`;
  return consolePage(ctx, { title: t.loginTitle, path: '/console', main });
}

/** Enrolment, first step: the one-time code and a password. */
export function renderEnrolPage(ctx: ConsoleContext, input: ConsoleFormInput): string {
  const t = CONSOLE_MESSAGES[ctx.lang];
  const errors = input.errors ?? {};
  const main = `<h1>${e(t.enrolTitle)}</h1>
<p>${e(t.enrolIntro)}</p>
${errorSummary(ctx.lang, errors, input.problem)}
<form class="stack card" method="post" action="/console/enrol" novalidate>
${csrfField(ctx)}
${textField({ name: 'enrolmentCode', label: t.enrolmentCode, hint: t.enrolmentCodeHint, value: input.values?.enrolmentCode, autocomplete: 'off', maxLength: 64, extra: ' autocapitalize="characters" spellcheck="false"', errors })}
${textField({ name: 'password', label: t.password, hint: t.passwordHint, type: 'password', autocomplete: 'new-password', errors })}
<button type="submit">${e(t.enrolButton)}</button>
</form>`;
  return consolePage(ctx, { title: t.enrolTitle, path: '/console/enrol', main });
}

export interface TotpSetupInput extends ConsoleFormInput {
  enrolmentCode: string;
  secret: string;
  qrSvg: string;
}

/** Enrolment, second step: the secret as a QR code and as text, and a first code to confirm. */
export function renderTotpSetupPage(ctx: ConsoleContext, input: TotpSetupInput): string {
  const t = CONSOLE_MESSAGES[ctx.lang];
  const errors = input.errors ?? {};
  const grouped = input.secret.match(/.{1,4}/g)?.join(' ') ?? input.secret;
  const main = `<h1>${e(t.totpTitle)}</h1>
<p>${e(t.totpIntro)}</p>
<div class="totp-setup">${input.qrSvg}
<p>${e(t.totpSecret)}<br><code class="totp-secret" id="totp-secret">${e(grouped)}</code></p></div>
${errorSummary(ctx.lang, errors, input.problem)}
<form class="stack card" method="post" action="/console/enrol/confirm" novalidate>
${csrfField(ctx)}
<input type="hidden" name="enrolmentCode" value="${e(input.enrolmentCode)}">
${totpField(ctx, errors)}
<button type="submit">${e(t.confirmButton)}</button>
</form>`;
  return consolePage(ctx, { title: t.totpTitle, path: '/console/enrol', main });
}
