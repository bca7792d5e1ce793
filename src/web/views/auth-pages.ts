import { type Html, html } from './html.js'
import { layout } from './layout.js'

/** The sign-in form's model. */
export interface LoginPageModel {
  readonly csrfToken: string
  /** a local path to return to after signing in */
  readonly next: string
  readonly email?: string
  /** shown in an error summary above the form */
  readonly error?: string
  /** offer "Sign in with your organisation" (OpenID Connect) */
  readonly oidc: boolean
}

function errorSummary(error: string | undefined, field: string): Html | null {
  if (!error) {
    return null
  }
  return html`<div class="notice" role="alert" tabindex="-1" id="error-summary">
<h2>Det gick inte att logga in</h2>
<p><a href="#${field}">${error}</a></p>
</div>`
}

/** GET /login: e-mail and password, and the identity-provider button when configured. */
export function loginPage(model: LoginPageModel): Html {
  return layout({
    title: 'Logga in',
    main: html`<h1>Logga in</h1>
${errorSummary(model.error, 'email')}
<form method="post" action="/login">
<input type="hidden" name="_csrf" value="${model.csrfToken}">
<input type="hidden" name="next" value="${model.next}">
<p><label for="email">E-postadress</label><br>
<input id="email" name="email" type="email" autocomplete="username" required value="${model.email ?? ''}"></p>
<p><label for="password">Lösenord</label><br>
<input id="password" name="password" type="password" autocomplete="current-password" required></p>
<p><button type="submit">Logga in</button></p>
</form>
${model.oidc ? html`<p><a href="/login/oidc?next=${encodeURIComponent(model.next)}">Logga in via din organisation</a></p>` : null}`,
  })
}

/** The reset form's model. */
export interface ResetPageModel {
  readonly token: string
  readonly csrfToken: string
  readonly error?: string
}

/** GET /reset/:token: choose a new password. */
export function resetPage(model: ResetPageModel): Html {
  return layout({
    title: 'Nytt lösenord',
    main: html`<h1>Välj ett nytt lösenord</h1>
${errorSummary(model.error, 'password')}
<form method="post" action="/reset/${encodeURIComponent(model.token)}">
<input type="hidden" name="_csrf" value="${model.csrfToken}">
<p><label for="password">Nytt lösenord (minst 10 tecken)</label><br>
<input id="password" name="password" type="password" autocomplete="new-password" minlength="10" required></p>
<p><button type="submit">Spara lösenordet</button></p>
</form>`,
  })
}

/** A short page after signing out or changing a password. */
export function messagePage(title: string, text: string): Html {
  return layout({
    title,
    main: html`<h1>${title}</h1>
<p>${text}</p>
<p><a href="/login">Logga in</a></p>`,
  })
}

/** GET /logout: sign out here or everywhere (forms, so the CSRF token goes along). */
export function logoutPage(model: { readonly csrfToken: string; readonly email: string }): Html {
  return layout({
    title: 'Logga ut',
    main: html`<h1>Logga ut</h1>
<p>Inloggad som ${model.email}.</p>
<form method="post" action="/logout">
<input type="hidden" name="_csrf" value="${model.csrfToken}">
<p><button type="submit">Logga ut</button></p>
</form>
<form method="post" action="/logout/everywhere">
<input type="hidden" name="_csrf" value="${model.csrfToken}">
<p><button type="submit">Logga ut på alla enheter</button></p>
</form>`,
  })
}
