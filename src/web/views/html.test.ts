import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { escapeHtml, type Html, html, unsafeRaw } from './html.js'

describe('html template', () => {
  const cases: ReadonlyArray<[string, Html, string]> = [
    [
      'escapes text',
      html`<p>${'<script>alert("x")</script>'}</p>`,
      '<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</p>',
    ],
    ['escapes attribute quotes', html`<a title="${`a"b'c`}">x</a>`, '<a title="a&quot;b&#39;c">x</a>'],
    ['keeps nested Html', html`<ul>${html`<li>${'&'}</li>`}</ul>`, '<ul><li>&amp;</li></ul>'],
    ['joins arrays', html`${['a', html`<b>b</b>`, '<c>']}`, 'a<b>b</b>&lt;c&gt;'],
    ['prints nothing for null, undefined, false', html`[${null}${undefined}${false}]`, '[]'],
    ['prints numbers and true', html`${1}${true}`, '1true'],
    ['unsafeRaw passes through', html`${unsafeRaw('<br>')}`, '<br>'],
  ]
  for (const [name, got, want] of cases) {
    it(name, () => {
      assert.equal(got.toString(), want)
    })
  }

  it('escapeHtml leaves safe text alone', () => {
    assert.equal(escapeHtml('Malmö stad – Miljönämnden'), 'Malmö stad – Miljönämnden')
  })

  it('an object that merely looks like Html is escaped', () => {
    const fake = { toString: () => '<b>' } as unknown as string
    assert.equal(html`${fake}`.toString(), '&lt;b&gt;')
  })
})
