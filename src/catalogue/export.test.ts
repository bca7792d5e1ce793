import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { dcatJsonLd, dcatRdfXml } from './dcat.js'
import { csvChunks, csvLine, jsonChunks } from './export.js'

async function* none() {}

describe('catalogue exports', () => {
  it('writes RFC 4180 CSV lines behind a byte-order mark', async () => {
    assert.equal(csvLine(['a', 'b,c', 'say "hi"', null, 3]), 'a,"b,c","say ""hi""",,3\r\n')
    const chunks: string[] = []
    for await (const c of csvChunks(none())) {
      chunks.push(c)
    }
    assert.ok(chunks[0]?.startsWith('\uFEFFProject ID,Project name,'))
  })

  it('writes an empty JSON array when nothing matches', async () => {
    let out = ''
    for await (const c of jsonChunks(none())) {
      out += c
    }
    assert.deepEqual(JSON.parse(out), [])
  })

  it('describes the datasets in DCAT-AP-SE with the tenant as publisher, escaped', () => {
    const model = {
      baseUrl: 'https://projekt.example.se/',
      publisher: { id: 7, name: 'Malmö stad <&>', orgNumber: '212000-1124' },
      modified: '2026-01-31T00:00:00.000Z',
    }
    const xml = dcatRdfXml(model)
    assert.match(xml, /<foaf:name>Malmö stad &#60;&#38;&#62;<\/foaf:name>/)
    assert.match(
      xml,
      /dcterms:publisher rdf:resource="https:\/\/projekt.example.se\/katalog\/organisation\/7"/,
    )
    const ld = dcatJsonLd(model)
    assert.equal(ld['@type'], 'dcat:Catalog')
    assert.deepEqual(ld['dcterms:publisher'], { '@id': 'https://projekt.example.se/katalog/organisation/7' })
  })
})
