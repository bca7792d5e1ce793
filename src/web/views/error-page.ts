import { type Html, html } from './html.js'
import { layout } from './layout.js'

/** What the HTML error page shows: never a stack, never a 5xx message from the code. */
export interface ErrorPageModel {
  readonly status: number
  /** a message safe to show (a 4xx's own message); omitted for 5xx */
  readonly detail?: string
}

const TITLES: Readonly<Record<number, readonly [sv: string, en: string]>> = {
  400: ['Felaktig begäran', 'Bad request'],
  404: ['Sidan hittades inte', 'Page not found'],
  409: ['Konflikt', 'Conflict'],
  413: ['För stor begäran', 'Request too large'],
  415: ['Format som inte stöds', 'Unsupported media type'],
}

/** Swedish-first error page; English follows for visitors from partner countries. */
export function errorPage(model: ErrorPageModel): Html {
  const [sv, en] =
    TITLES[model.status] ??
    (model.status >= 500 ? ['Något gick fel', 'Something went wrong'] : ['Fel', 'Error'])
  return layout({
    title: sv,
    main: html`<h1>${sv}</h1>
<p lang="en">${en} (${model.status})</p>
${model.detail ? html`<p>${model.detail}</p>` : null}
${model.status >= 500 ? html`<p>Felet är loggat. Försök igen om en stund.</p>` : null}
<p><a href="/">Till startsidan</a></p>`,
  })
}
