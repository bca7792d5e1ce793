/**
 * DCAT-AP-SE 3.0 description of the catalogue's open data, so dataportal.se can harvest it: one
 * catalogue per publishing organisation (the tenant), one dataset of its projects with the CSV, XLSX,
 * JSON and API distributions. Rendered as JSON-LD and as RDF/XML from the same model.
 */

/** What the description says; URLs are absolute (harvesters resolve nothing relative). */
export interface DcatModel {
  /** the site's base URL, e.g. "https://projekt.malmo.se" */
  readonly baseUrl: string
  readonly publisher: { readonly name: string; readonly id: number; readonly orgNumber: string | null }
  /** ISO 8601 instant of the latest change */
  readonly modified: string
}

const NS = {
  dcat: 'http://www.w3.org/ns/dcat#',
  dcterms: 'http://purl.org/dc/terms/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  vcard: 'http://www.w3.org/2006/vcard/ns#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
} as const

const LICENSE = 'http://publications.europa.eu/resource/authority/licence/CC0'
const THEME = 'http://publications.europa.eu/resource/authority/data-theme/GOVE'
const SWEDISH = 'http://publications.europa.eu/resource/authority/language/SWE'
const FORMAT = 'http://publications.europa.eu/resource/authority/file-type/'

interface Distribution {
  readonly id: string
  readonly title: string
  readonly url: string
  readonly mediaType: string
  readonly format: string
}

function parts(m: DcatModel) {
  const base = m.baseUrl.replace(/\/+$/, '')
  const q = `tenant=${m.publisher.id}`
  const publisher = `${base}/katalog/organisation/${m.publisher.id}`
  const dataset = `${base}/katalog/dcat#projekt-${m.publisher.id}`
  const distributions: Distribution[] = [
    {
      id: 'csv',
      title: 'Projekt (CSV)',
      url: `${base}/katalog/export.csv?${q}`,
      mediaType: 'text/csv',
      format: 'CSV',
    },
    {
      id: 'xlsx',
      title: 'Projekt och partner (Excel)',
      url: `${base}/katalog/export.xlsx?${q}`,
      mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      format: 'XLSX',
    },
    {
      id: 'json',
      title: 'Projekt (JSON)',
      url: `${base}/katalog/export.json?${q}`,
      mediaType: 'application/json',
      format: 'JSON',
    },
    {
      id: 'api',
      title: 'Sök-API (JSON)',
      url: `${base}/api/projects?${q}`,
      mediaType: 'application/json',
      format: 'JSON',
    },
  ]
  return { base, publisher, dataset, distributions }
}

/** The description as JSON-LD. */
export function dcatJsonLd(m: DcatModel): Record<string, unknown> {
  const { base, publisher, dataset, distributions } = parts(m)
  return {
    '@context': { ...NS },
    '@id': `${base}/katalog/dcat`,
    '@type': 'dcat:Catalog',
    'dcterms:title': [
      { '@language': 'sv', '@value': `${m.publisher.name}: EU-projekt och internationella projekt` },
      { '@language': 'en', '@value': `${m.publisher.name}: EU-funded and international projects` },
    ],
    'dcterms:description': { '@language': 'sv', '@value': 'Öppna data ur Projektatlas projektregister.' },
    'dcterms:publisher': { '@id': publisher },
    'dcterms:modified': { '@type': 'xsd:dateTime', '@value': m.modified },
    'dcterms:language': { '@id': SWEDISH },
    'foaf:homepage': { '@id': `${base}/katalog` },
    'dcat:dataset': {
      '@id': dataset,
      '@type': 'dcat:Dataset',
      'dcterms:title': { '@language': 'sv', '@value': `Projekt – ${m.publisher.name}` },
      'dcterms:description': {
        '@language': 'sv',
        '@value':
          'Projekt med EU-finansiering och internationella samarbeten: program, period, budget, partner.',
      },
      'dcterms:publisher': { '@id': publisher },
      'dcat:theme': { '@id': THEME },
      'dcat:keyword': [
        { '@language': 'sv', '@value': 'EU-projekt' },
        { '@language': 'sv', '@value': 'Interreg' },
      ],
      'dcat:contactPoint': {
        '@type': 'vcard:Organization',
        'vcard:fn': m.publisher.name,
        'vcard:hasURL': { '@id': publisher },
      },
      'dcterms:modified': { '@type': 'xsd:dateTime', '@value': m.modified },
      'dcat:distribution': distributions.map((d) => ({
        '@id': `${dataset}-${d.id}`,
        '@type': 'dcat:Distribution',
        'dcterms:title': { '@language': 'sv', '@value': d.title },
        'dcat:accessURL': { '@id': d.url },
        'dcat:downloadURL': { '@id': d.url },
        'dcat:mediaType': { '@id': `http://www.iana.org/assignments/media-types/${d.mediaType}` },
        'dcterms:format': { '@id': `${FORMAT}${d.format}` },
        'dcterms:license': { '@id': LICENSE },
      })),
    },
    'dcterms:license': { '@id': LICENSE },
  }
}

function x(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

/** The description as RDF/XML. */
export function dcatRdfXml(m: DcatModel): string {
  const { base, publisher, dataset, distributions } = parts(m)
  const orgId = m.publisher.orgNumber
    ? `\n      <dcterms:identifier>${x(m.publisher.orgNumber)}</dcterms:identifier>`
    : ''
  const dists = distributions
    .map(
      (d) => `
    <dcat:distribution>
      <dcat:Distribution rdf:about="${x(`${dataset}-${d.id}`)}">
        <dcterms:title xml:lang="sv">${x(d.title)}</dcterms:title>
        <dcat:accessURL rdf:resource="${x(d.url)}"/>
        <dcat:downloadURL rdf:resource="${x(d.url)}"/>
        <dcat:mediaType rdf:resource="http://www.iana.org/assignments/media-types/${x(d.mediaType)}"/>
        <dcterms:format rdf:resource="${FORMAT}${d.format}"/>
        <dcterms:license rdf:resource="${LICENSE}"/>
      </dcat:Distribution>
    </dcat:distribution>`,
    )
    .join('')
  return `<?xml version="1.0" encoding="UTF-8"?>
<rdf:RDF xmlns:rdf="${NS.rdf}" xmlns:dcat="${NS.dcat}" xmlns:dcterms="${NS.dcterms}" xmlns:foaf="${NS.foaf}" xmlns:vcard="${NS.vcard}">
  <dcat:Catalog rdf:about="${x(`${base}/katalog/dcat`)}">
    <dcterms:title xml:lang="sv">${x(`${m.publisher.name}: EU-projekt och internationella projekt`)}</dcterms:title>
    <dcterms:title xml:lang="en">${x(`${m.publisher.name}: EU-funded and international projects`)}</dcterms:title>
    <dcterms:description xml:lang="sv">Öppna data ur Projektatlas projektregister.</dcterms:description>
    <dcterms:publisher rdf:resource="${x(publisher)}"/>
    <dcterms:modified rdf:datatype="${NS.xsd}dateTime">${x(m.modified)}</dcterms:modified>
    <dcterms:language rdf:resource="${SWEDISH}"/>
    <dcterms:license rdf:resource="${LICENSE}"/>
    <foaf:homepage rdf:resource="${x(`${base}/katalog`)}"/>
    <dcat:dataset>
      <dcat:Dataset rdf:about="${x(dataset)}">
        <dcterms:title xml:lang="sv">${x(`Projekt – ${m.publisher.name}`)}</dcterms:title>
        <dcterms:description xml:lang="sv">Projekt med EU-finansiering och internationella samarbeten: program, period, budget, partner.</dcterms:description>
        <dcterms:publisher rdf:resource="${x(publisher)}"/>
        <dcat:theme rdf:resource="${THEME}"/>
        <dcat:keyword xml:lang="sv">EU-projekt</dcat:keyword>
        <dcat:keyword xml:lang="sv">Interreg</dcat:keyword>
        <dcterms:modified rdf:datatype="${NS.xsd}dateTime">${x(m.modified)}</dcterms:modified>
        <dcat:contactPoint>
          <vcard:Organization>
            <vcard:fn>${x(m.publisher.name)}</vcard:fn>
            <vcard:hasURL rdf:resource="${x(publisher)}"/>
          </vcard:Organization>
        </dcat:contactPoint>${dists}
      </dcat:Dataset>
    </dcat:dataset>
  </dcat:Catalog>
  <foaf:Agent rdf:about="${x(publisher)}">
    <foaf:name>${x(m.publisher.name)}</foaf:name>${orgId}
  </foaf:Agent>
</rdf:RDF>
`
}
