/**
 * Auto-escaping HTML templates. Every interpolated value is escaped unless it already is `Html`,
 * so a view can only emit markup it wrote itself. The single way around that is `unsafeRaw`.
 */

/** A fragment of HTML that is safe to send: built by `html` or, deliberately, by `unsafeRaw`. */
export class Html {
  readonly #value: string
  /** Use `html` or `unsafeRaw`; the constructor is internal. */
  private constructor(value: string) {
    this.#value = value
  }
  /** @internal the factory the two functions below share */
  static fromTrusted(value: string): Html {
    return new Html(value)
  }
  toString(): string {
    return this.#value
  }
}

/** What a template may interpolate: text is escaped, `Html` is kept, lists are joined, nothing prints for null/false. */
export type HtmlValue = Html | string | number | boolean | null | undefined | readonly HtmlValue[]

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

/** Escapes text for an HTML element body or a quoted attribute value (the OWASP five). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c)
}

function toHtmlString(value: HtmlValue): string {
  if (value instanceof Html) {
    return value.toString()
  }
  if (value === null || value === undefined || value === false) {
    return ''
  }
  if (Array.isArray(value)) {
    return value.map(toHtmlString).join('')
  }
  return escapeHtml(String(value))
}

/**
 * Tagged template that escapes every interpolation.
 * @example html`<p>${userText}</p>` // userText "<b>" prints as &lt;b&gt;
 */
export function html(strings: TemplateStringsArray, ...values: readonly HtmlValue[]): Html {
  let out = strings[0] ?? ''
  for (let i = 0; i < values.length; i++) {
    out += toHtmlString(values[i]) + (strings[i + 1] ?? '')
  }
  return Html.fromTrusted(out)
}

/**
 * The one escape hatch: marks a string as already-safe HTML. Grep for it when reviewing;
 * never pass it anything that came from a user or a document.
 */
export function unsafeRaw(trustedMarkup: string): Html {
  return Html.fromTrusted(trustedMarkup)
}
