import Type, { type Static } from 'typebox'
import { ProjectRecordWithParticipations } from '../../registry/project-record.service.js'

/** One facet filter: a value, or the same parameter repeated (`country=DK&country=SE`). */
const FacetParam = Type.Optional(
  Type.Union([
    Type.String({ maxLength: 300 }),
    Type.Array(Type.String({ maxLength: 300 }), { maxItems: 50 }),
  ]),
)

/** The search state every catalogue address carries: words, filters, sort, page and language. */
export const CatalogueQuerystring = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 2000, description: 'search words (Swedish stemming)' })),
  organisation: FacetParam,
  unit: FacetParam,
  theme: FacetParam,
  family: FacetParam,
  programme: FacetParam,
  status: FacetParam,
  role: FacetParam,
  year: FacetParam,
  country: FacetParam,
  participant: FacetParam,
  tenant: FacetParam,
  sort: Type.Optional(
    Type.Union([
      Type.Literal('relevance'),
      Type.Literal('name'),
      Type.Literal('start'),
      Type.Literal('end'),
      Type.Literal('updated'),
    ]),
  ),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
  lang: Type.Optional(Type.Union([Type.Literal('sv'), Type.Literal('en')])),
})
export type CatalogueQuerystring = Static<typeof CatalogueQuerystring>

/** Pages that only take the language. */
export const LangQuerystring = Type.Object({
  lang: Type.Optional(Type.Union([Type.Literal('sv'), Type.Literal('en')])),
})

export const IdParam = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2147483647 }) })

export const ChartQuerystring = Type.Object({
  lang: Type.Optional(Type.Union([Type.Literal('sv'), Type.Literal('en')])),
  chart: Type.Union([
    Type.Literal('family'),
    Type.Literal('funding'),
    Type.Literal('year'),
    Type.Literal('country'),
  ]),
})

export const OrgChartQuerystring = Type.Object({
  lang: Type.Optional(Type.Union([Type.Literal('sv'), Type.Literal('en')])),
  chart: Type.Union([Type.Literal('programme'), Type.Literal('year')]),
})

export const DcatQuerystring = Type.Object({
  tenant: Type.Optional(Type.Integer({ minimum: 1, maximum: 2147483647 })),
})

const page = { hide: true, response: { 200: Type.String({ description: 'HTML page' }) } } as const
export const catalogueSchema = { ...page, querystring: CatalogueQuerystring } as const
export const projectPageSchema = { ...page, params: IdParam, querystring: LangQuerystring } as const
export const organisationPageSchema = { ...page, params: IdParam, querystring: LangQuerystring } as const
export const langPageSchema = { ...page, querystring: LangQuerystring } as const
export const exportSchema = {
  tags: ['open data'],
  summary: 'Every public project matching the search, never capped (streamed)',
  description:
    'export.csv: UTF-8 with BOM, one row per project; export.xlsx: a Projects and a Partners sheet (keep.eu layout); export.json: an array of project records. Same filters as the catalogue.',
  querystring: CatalogueQuerystring,
  response: { 200: Type.String({ description: 'the file, streamed' }) },
} as const
export const dcatSchema = {
  tags: ['open data'],
  summary: "DCAT-AP-SE 3.0 description of a tenant's open data (publisher: the tenant)",
  querystring: DcatQuerystring,
  response: { 200: Type.String({ description: 'RDF/XML or JSON-LD' }) },
} as const

/** The public search API's query: the catalogue's, plus a page size. */
export const PublicSearchQuerystring = Type.Object({
  ...CatalogueQuerystring.properties,
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
})

export const publicSearchSchema = {
  tags: ['open data'],
  summary: 'Search the public catalogue (published projects of every organisation); CORS open',
  description:
    'Words in `q` are matched with Swedish stemming; facet parameters may repeat (OR within a facet, AND across). `totalExact` is false when more projects matched than a search counts (docs/search.md).',
  querystring: PublicSearchQuerystring,
  response: {
    200: Type.Object({
      total: Type.Integer(),
      totalExact: Type.Boolean(),
      page: Type.Integer(),
      pages: Type.Integer(),
      items: Type.Array(ProjectRecordWithParticipations),
      facets: Type.Record(
        Type.String(),
        Type.Array(Type.Object({ value: Type.String(), count: Type.Integer() })),
      ),
    }),
  },
} as const
