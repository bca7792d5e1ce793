import { readFileSync } from 'node:fs'
import { PassThrough, Readable } from 'node:stream'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
import { roleIn } from '../../accounts/account.js'
import { roleAtLeast } from '../../accounts/role.js'
import { type DcatModel, dcatJsonLd, dcatRdfXml } from '../../catalogue/dcat.js'
import { csvChunks, csvLine, exportRecords, jsonChunks, writeXlsx } from '../../catalogue/export.js'
import { FACETS, type FacetKey, FILTER_FACETS } from '../../catalogue/facets.js'
import { organisationPageData, projectPageData, statisticsData } from '../../catalogue/pages.service.js'
import type { CatalogueQuery } from '../../catalogue/search.js'
import { type CatalogueDeps, loadPublicRecords, searchCatalogue } from '../../catalogue/search.service.js'
import type { Dialect } from '../../config/config.js'
import type { Database } from '../../db/database.js'
import { listTenants } from '../../registry/organisation.service.js'
import { countryName, langOf } from '../i18n/messages.js'
import { answeredNotModified, sourceStamp, weakEtag } from '../plugins/etag.js'
import { cataloguePage } from '../views/catalogue/catalogue-page.js'
import { organisationChartRows, organisationPage } from '../views/catalogue/organisation-page.js'
import { projectPage } from '../views/catalogue/project-page.js'
import { accessibilityPage, openDataPage } from '../views/catalogue/static-pages.js'
import { statisticsPage, statisticsRows } from '../views/catalogue/statistics-page.js'
import {
  type CatalogueQuerystring,
  ChartQuerystring,
  catalogueSchema,
  dcatSchema,
  exportSchema,
  IdParam,
  langPageSchema,
  OrgChartQuerystring,
  organisationPageSchema,
  projectPageSchema,
  publicSearchSchema,
} from './catalogue.schema.js'
import { resolveScope } from './tenant.js'

/** Options of the catalogue routes. */
export interface CatalogueRoutesOptions {
  readonly dialect: Dialect
  /** a read replica: every catalogue read goes there, the index kept current by the primary's servers */
  readonly readDb?: Kysely<Database>
}

const CSS = readFileSync(new URL('../views/catalogue/catalogue.css', import.meta.url), 'utf8')
const PAGE_SIZE = 20
/** Every catalogue route is open to anyone: its services show published projects only. */
const PUBLIC = { access: 'public' } as const

/** The search a catalogue address describes (facet parameters as lists). */
export function catalogueQueryOf(qs: CatalogueQuerystring): CatalogueQuery & {
  filters: Partial<Record<FacetKey, string[]>>
} {
  const filters: Partial<Record<FacetKey, string[]>> = {}
  for (const facet of FILTER_FACETS) {
    const v = qs[facet]
    const list = (Array.isArray(v) ? v : v === undefined ? [] : [v]).map((s) => s.trim()).filter(Boolean)
    if (list.length > 0) {
      filters[facet] = list
    }
  }
  return {
    q: qs.q?.trim() ?? '',
    filters,
    ...(qs.sort && { sort: qs.sort }),
    page: qs.page ?? 1,
    pageSize: PAGE_SIZE,
  }
}

/** Who may see a project's data issues on its public page: its tenant's editors and above. */
export function canSeeDataIssues(request: FastifyRequest, tenantId: number): boolean {
  const role = request.principal ? roleIn(request.principal, tenantId) : null
  return role !== null && roleAtLeast(role, 'editor')
}

function html(reply: FastifyReply, page: { toString(): string }): FastifyReply {
  return reply.type('text/html; charset=utf-8').send(page.toString())
}

/** Reads are open data: any site may fetch them (CORS), none may write. */
function openRead(reply: FastifyReply): FastifyReply {
  return reply.header('access-control-allow-origin', '*')
}

function stamp(): string {
  return new Date().toISOString().slice(0, 10)
}

/**
 * The public catalogue: HTML pages (catalogue, project, organisation, statistics, open data,
 * accessibility statement), their stylesheet, exports and the DCAT-AP-SE description. Every page
 * reads through src/catalogue's services, which show public projects only.
 */
export const catalogueRoutes: FastifyPluginAsyncTypebox<CatalogueRoutesOptions> = async (app, opts) => {
  const deps: CatalogueDeps = opts.readDb
    ? { db: opts.readDb, dialect: opts.dialect, replica: true }
    : { db: app.db, dialect: opts.dialect }

  app.get('/static/catalogue.css', { config: PUBLIC, schema: { hide: true } }, async (_request, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(CSS),
  )

  app.get('/katalog', { config: PUBLIC, schema: catalogueSchema }, async (request, reply) => {
    const lang = langOf(request.query.lang)
    const query = catalogueQueryOf(request.query)
    const result = await searchCatalogue(deps, query)
    const items = await loadPublicRecords(deps, result.ids)
    return html(
      reply,
      cataloguePage({
        lang,
        here: request.url,
        q: query.q ?? '',
        sort: result.sort,
        filters: query.filters,
        result,
        items,
      }),
    )
  })

  app.get(
    '/api/catalogue/projects',
    { config: PUBLIC, schema: publicSearchSchema },
    async (request, reply) => {
      const query = { ...catalogueQueryOf(request.query), pageSize: request.query.pageSize ?? PAGE_SIZE }
      const result = await searchCatalogue(deps, query)
      openRead(reply)
      return {
        total: result.total,
        totalExact: result.totalExact,
        page: result.page,
        pages: result.pages,
        items: await loadPublicRecords(deps, result.ids),
        facets: Object.fromEntries(FACETS.map((f) => [f, [...result.facets[f]]])),
      }
    },
  )

  // The page is a function of its data, the address (language links) and the release's views: a
  // tag over those lets a repeat visit or a proxy's revalidation skip the rendering and the bytes.
  const viewStamp = sourceStamp([
    new URL('../views/', import.meta.url),
    new URL('../views/catalogue/', import.meta.url),
    new URL('../i18n/', import.meta.url),
  ])
  app.get('/katalog/projekt/:id', { config: PUBLIC, schema: projectPageSchema }, async (request, reply) => {
    const lang = langOf(request.query.lang)
    const data = await projectPageData(deps, request.params.id)
    const showIssues = canSeeDataIssues(request, data.tenantId)
    const etag = weakEtag([viewStamp, request.url, String(showIssues), JSON.stringify(data)])
    // Public data, but revalidated on every use (no-cache): an unpublished project must not linger
    // in a shared cache. Signed-in answers become no-store (src/web/plugins/auth.ts).
    reply.header('cache-control', 'public, no-cache')
    if (answeredNotModified(request, reply, etag)) {
      return reply
    }
    return html(reply, projectPage({ lang, here: request.url, data, showIssues }))
  })

  app.get(
    '/katalog/projekt/:id/partners.csv',
    { config: PUBLIC, schema: { hide: true, params: IdParam, querystring: langPageSchema.querystring } },
    async (request, reply) => {
      const lang = langOf(request.query.lang)
      const { record } = await projectPageData(deps, request.params.id)
      const counts = new Map<string, number>()
      for (const p of record.participations) {
        const c = countryName(lang, p.country)
        counts.set(c, (counts.get(c) ?? 0) + 1)
      }
      const body = `\uFEFF${csvLine(['country', 'partners'])}${[...counts].map(([c, n]) => csvLine([c, n])).join('')}`
      return csvReply(openRead(reply), `partners-${request.params.id}.csv`).send(body)
    },
  )

  app.get(
    '/katalog/organisation/:id',
    { config: PUBLIC, schema: organisationPageSchema },
    async (request, reply) => {
      const lang = langOf(request.query.lang)
      const data = await organisationPageData(deps, request.params.id)
      return html(reply, organisationPage({ lang, here: request.url, data }))
    },
  )

  app.get(
    '/katalog/organisation/:id/chart.csv',
    { config: PUBLIC, schema: { hide: true, params: IdParam, querystring: OrgChartQuerystring } },
    async (request, reply) => {
      const data = await organisationPageData(deps, request.params.id)
      const rows = organisationChartRows(data, request.query.chart)
      const body = `\uFEFF${csvLine([request.query.chart, 'projects'])}${rows.map((r) => csvLine(r)).join('')}`
      return csvReply(openRead(reply), `organisation-${request.params.id}-${request.query.chart}.csv`).send(
        body,
      )
    },
  )

  app.get('/katalog/statistik', { config: PUBLIC, schema: langPageSchema }, async (request, reply) => {
    const lang = langOf(request.query.lang)
    await searchCatalogue(deps, { pageSize: 1 })
    return html(reply, statisticsPage({ lang, here: request.url, data: await statisticsData(deps) }))
  })

  app.get(
    '/katalog/statistik.csv',
    { config: PUBLIC, schema: { hide: true, querystring: ChartQuerystring } },
    async (request, reply) => {
      const lang = langOf(request.query.lang)
      await searchCatalogue(deps, { pageSize: 1 })
      const rows = statisticsRows(lang, await statisticsData(deps), request.query.chart)
      const body = `\uFEFF${csvLine([request.query.chart, 'value'])}${rows.map((r) => csvLine([r.label, r.value])).join('')}`
      return csvReply(openRead(reply), `statistik-${request.query.chart}.csv`).send(body)
    },
  )

  app.get('/katalog/oppna-data', { config: PUBLIC, schema: langPageSchema }, async (request, reply) => {
    const lang = langOf(request.query.lang)
    const tenants = (await listTenants(app.db)).map((o) => ({ id: o.id, name: o.name }))
    return html(reply, openDataPage(lang, request.url, tenants))
  })

  app.get('/tillganglighet', { config: PUBLIC, schema: langPageSchema }, async (request, reply) => {
    const lang = langOf(request.query.lang)
    const tenants = await listTenants(app.db)
    const publisher = tenants.length === 1 && tenants[0] ? tenants[0].name : 'Projektatlas'
    return html(reply, accessibilityPage(lang, request.url, publisher))
  })

  app.get('/katalog/export.csv', { config: PUBLIC, schema: exportSchema }, async (request, reply) => {
    const records = exportRecords(deps, catalogueQueryOf(request.query))
    return csvReply(openRead(reply), `projekt-${stamp()}.csv`).send(Readable.from(csvChunks(records)))
  })

  app.get('/katalog/export.json', { config: PUBLIC, schema: exportSchema }, async (request, reply) => {
    const records = exportRecords(deps, catalogueQueryOf(request.query))
    return openRead(reply)
      .type('application/json; charset=utf-8')
      .header('content-disposition', `attachment; filename="projekt-${stamp()}.json"`)
      .send(Readable.from(jsonChunks(records)))
  })

  app.get('/katalog/export.xlsx', { config: PUBLIC, schema: exportSchema }, async (request, reply) => {
    const query = catalogueQueryOf(request.query)
    const out = new PassThrough()
    writeXlsx(() => exportRecords(deps, query), out).catch((e: unknown) => {
      request.log.error({ err: e }, 'xlsx export failed')
      out.destroy(e instanceof Error ? e : new Error(String(e)))
    })
    return openRead(reply)
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="projekt-${stamp()}.xlsx"`)
      .send(out)
  })

  const dcatModel = async (request: FastifyRequest, tenant: number | undefined): Promise<DcatModel> => {
    const scope = await resolveScope(app.db, tenant)
    const org = (await listTenants(app.db)).find((o) => o.id === scope.tenantId)
    return {
      baseUrl: `${request.protocol}://${request.host}`,
      publisher: { id: scope.tenantId, name: org?.name ?? '', orgNumber: org?.orgNumber ?? null },
      modified: new Date().toISOString(),
    }
  }

  app.get('/katalog/dcat.rdf', { config: PUBLIC, schema: dcatSchema }, async (request, reply) => {
    const model = await dcatModel(request, request.query.tenant)
    return openRead(reply).type('application/rdf+xml; charset=utf-8').send(dcatRdfXml(model))
  })

  app.get('/katalog/dcat.jsonld', { config: PUBLIC, schema: dcatSchema }, async (request, reply) => {
    const model = await dcatModel(request, request.query.tenant)
    return openRead(reply)
      .type('application/ld+json; charset=utf-8')
      .send(JSON.stringify(dcatJsonLd(model), null, 2))
  })
}

function csvReply(reply: FastifyReply, filename: string): FastifyReply {
  return reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${filename}"`)
}
