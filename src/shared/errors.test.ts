import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { ImportFormatError } from './errors.js'

describe('ImportFormatError', () => {
  it('keeps a reason built from a parser message on one short line', () => {
    const quoted = 'Projektet har pågått sedan 2022. '.repeat(20)
    const e = new ImportFormatError('form.docx', `damaged XML: trailing content:\n\t"${quoted}"\n@#[line:1]`)
    assert.equal(e.reason.includes('\n') || e.reason.includes('\t'), false)
    assert.equal(e.reason.length, 200)
    assert.ok(e.reason.startsWith('damaged XML: trailing content: "Projektet har'))
    assert.ok(e.reason.endsWith('…'))
    assert.equal(e.message, `form.docx: ${e.reason}`)
    assert.equal(e.code, 'IMPORT_FORMAT')
  })

  it('leaves a short reason as it is', () => {
    assert.equal(new ImportFormatError('a.pdf', 'the PDF is truncated').reason, 'the PDF is truncated')
  })
})
