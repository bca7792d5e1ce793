import type { Kysely } from 'kysely'
import { sql } from 'kysely'
import type { Dialect } from '../src/config/config.js'
import type { Database } from '../src/db/database.js'
import { nameKey, searchKey } from '../src/registry/schema-helpers.js'

// A deterministic synthetic portfolio for the scale benchmark (issue 8). Every name is invented and
// marked "Syntet": nothing here may be mistaken for a real municipality's project. The shapes follow
// the seeds (../shared/seeds): Swedish tenants leading projects with partners around the Baltic and
// in the EU, programmes from the reference list, periods 2007–2027, budgets of a few million kronor.

/** Mulberry32: a small, fast, seedable PRNG (the same seed gives the same portfolio everywhere). */
export function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

type Rand = () => number

function pick<T>(rand: Rand, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)] as T
}

/** Picks by weight: `weights[i]` is the relative weight of `items[i]`. */
function weighted<T>(rand: Rand, items: readonly T[], weights: readonly number[]): T {
  const total = weights.reduce((s, w) => s + w, 0)
  let r = rand() * total
  for (let i = 0; i < items.length; i++) {
    r -= weights[i] ?? 0
    if (r < 0) {
      return items[i] as T
    }
  }
  return items[items.length - 1] as T
}

/** A Zipf-like pick: index 0 is the most frequent, frequency ~ 1/(rank+1). */
function zipf(rand: Rand, n: number): number {
  // Inverse of the continuous approximation of the harmonic CDF.
  return Math.min(n - 1, Math.floor(Math.exp(rand() * Math.log(n + 1)) - 1))
}

// Vocabulary of the summaries and names: common project words first (Zipf ranks), so "projekt" or
// "hållbar" match a large share of the catalogue, as they do in real portfolios.
const WORDS = [
  'projekt',
  'utveckling',
  'samverkan',
  'hållbar',
  'regional',
  'kompetens',
  'energi',
  'klimat',
  'innovation',
  'integration',
  'arbetsmarknad',
  'ungdomar',
  'digitalisering',
  'miljö',
  'kultur',
  'turism',
  'vatten',
  'transport',
  'skola',
  'företag',
  'landsbygd',
  'hälsa',
  'forskning',
  'jämställdhet',
  'kust',
  'hav',
  'cirkulär',
  'ekonomi',
  'inkludering',
  'migration',
  'stadsutveckling',
  'biologisk',
  'mångfald',
  'nätverk',
  'utbildning',
  'sysselsättning',
  'besöksnäring',
  'kulturarv',
  'gränsöverskridande',
  'smart',
  'mobilitet',
  'livsmedel',
  'skog',
  'våtmark',
  'klimatanpassning',
  'ledarskap',
  'äldreomsorg',
  'entreprenörskap',
  'demokrati',
  'delaktighet',
]
const SYLLABLES = [
  'ka',
  'lo',
  'mi',
  'ra',
  've',
  'sto',
  'dal',
  'by',
  'ny',
  'holm',
  'ås',
  'tor',
  'en',
  'vik',
  'rö',
]
const COUNTRIES = [
  'SE',
  'DK',
  'NO',
  'FI',
  'DE',
  'PL',
  'LV',
  'LT',
  'EE',
  'NL',
  'ES',
  'IT',
  'FR',
  'BE',
  'AT',
  'IE',
]
const COUNTRY_WEIGHTS = [40, 8, 6, 7, 9, 6, 3, 3, 3, 3, 3, 3, 2, 2, 1, 1]
const KINDS = ['municipality', 'region', 'university', 'agency', 'company', 'association', 'school']
const UNITS = [
  'Miljöförvaltningen',
  'Stadsbyggnadskontoret',
  'Arbetsmarknadsförvaltningen',
  'Kulturförvaltningen',
  'Utbildningsförvaltningen',
  'Näringslivsavdelningen',
]
const THEMES = ['Klimat', 'Arbete', 'Utbildning', 'Kultur', 'Innovation', 'Social sammanhållning']
/** Programme families as common as they are in Swedish municipal portfolios. */
const FAMILY_WEIGHTS: Record<string, number> = {
  ESF: 20,
  ERDF: 18,
  Interreg: 25,
  'Erasmus+': 15,
  Horizon: 6,
  LIFE: 3,
  AMIF: 3,
  EAFRD: 3,
  JTF: 2,
  'Creative Europe': 2,
  CERV: 1,
  EUI: 1,
  Nordic: 1,
}
const TODAY = '2026-11-27'

/** What a generated portfolio is made of. */
export interface PortfolioShape {
  readonly projects: number
  readonly tenants: number
  readonly partners: number
}

/** Tenants and partner organisations for a portfolio of `projects`. */
export function shapeOf(projects: number): PortfolioShape {
  return {
    projects,
    tenants: Math.max(5, Math.min(300, Math.ceil(projects / 2000))),
    partners: Math.max(200, Math.ceil(projects / 5)),
  }
}

/** A pronounceable invented word: every tenant, partner and acronym gets one. */
function inventedWord(rand: Rand, syllables: number): string {
  let w = ''
  for (let i = 0; i < syllables; i++) {
    w += pick(rand, SYLLABLES)
  }
  return w
}

const capital = (w: string) => w.charAt(0).toUpperCase() + w.slice(1)

/** The partner organisation number `i` (1-based) of a portfolio: its name is unique. */
export function partnerName(seed: number, i: number): string {
  const rand = prng(seed * 7919 + i)
  return `Syntet ${capital(inventedWord(rand, 3))} ${pick(rand, ['förbund', 'institut', 'byrå', 'stiftelse', 'kommun'])} ${i}`
}

/** The acronym of project `i` (1-based): an invented word found in exactly one project. */
export function projectAcronym(i: number): string {
  return `SYN${i.toString(36).toUpperCase()}`
}

/** What bulk loading took. */
export interface LoadOutcome {
  readonly shape: PortfolioShape
  /** ids of the first and last project */
  readonly firstProjectId: number
  readonly lastProjectId: number
  readonly participations: number
  readonly insertMs: number
}

/** Rows per multi-row INSERT (well under SQLite's bound-parameter limit with ≤ 20 columns). */
const ROWS_PER_INSERT = 500
/** Projects per transaction. */
const PROJECTS_PER_TX = 20_000

async function insertChunked<T extends keyof Database>(
  db: Kysely<Database>,
  table: T,
  rows: readonly Record<string, unknown>[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    await db
      .insertInto(table)
      .values(rows.slice(i, i + ROWS_PER_INSERT) as never)
      .execute()
  }
}

const iso = (y: number, m: number, d: number) =>
  `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`

/**
 * Bulk-loads a synthetic portfolio of `projects` projects into an EMPTY, migrated registry (programmes
 * seeded): tenants, their units, partner organisations, projects and participations, in batched
 * multi-row inserts inside transactions. The catalogue's triggers queue every project; the caller
 * builds the search index as the app does (refreshCatalogue). Deterministic from `seed`.
 */
export async function loadPortfolio(
  db: Kysely<Database>,
  dialect: Dialect,
  projects: number,
  seed = 1,
): Promise<LoadOutcome> {
  const started = performance.now()
  const shape = shapeOf(projects)
  const rand = prng(seed)
  const at = `${TODAY}T12:00:00.000Z`
  const programmes = await db
    .selectFrom('programme')
    .select(['id', 'canonical', 'family', 'from_year', 'to_year'])
    .orderBy('id')
    .execute()
  const progWeights = programmes.map((p) => (FAMILY_WEIGHTS[p.family] ?? 0.5) / 4)

  // Organisations: tenants first (ids 1..tenants), then partners. Ids are explicit so children can
  // point at them without reading them back.
  const orgs: Record<string, unknown>[] = []
  for (let t = 1; t <= shape.tenants; t++) {
    const name = `Syntet ${capital(inventedWord(prng(seed * 31 + t), 2))}stad ${t} kommun`
    orgs.push({
      id: t,
      name,
      name_key: nameKey(name),
      country: 'SE',
      kind: 'municipality',
      is_tenant: 1,
      created_at: at,
      updated_at: at,
    })
  }
  for (let i = 1; i <= shape.partners; i++) {
    const name = partnerName(seed, i)
    const country = weighted(rand, COUNTRIES, COUNTRY_WEIGHTS)
    orgs.push({
      id: shape.tenants + i,
      name,
      name_key: nameKey(name),
      country,
      kind: pick(rand, KINDS),
      is_tenant: 0,
      created_at: at,
      updated_at: at,
    })
  }
  const units: Record<string, unknown>[] = []
  for (let t = 1; t <= shape.tenants; t++) {
    UNITS.forEach((u, k) => {
      units.push({
        id: (t - 1) * UNITS.length + k + 1,
        tenant_id: t,
        name: u,
        name_key: nameKey(u),
        created_at: at,
      })
    })
  }
  await db.transaction().execute(async (trx) => {
    await insertChunked(trx, 'organisation', orgs)
    await insertChunked(trx, 'unit', units)
  })

  let participationId = 0
  for (let start = 1; start <= projects; start += PROJECTS_PER_TX) {
    const end = Math.min(projects, start + PROJECTS_PER_TX - 1)
    const projectRows: Record<string, unknown>[] = []
    const partRows: Record<string, unknown>[] = []
    for (let i = start; i <= end; i++) {
      const tenant = 1 + Math.floor(rand() * shape.tenants)
      const startYear = 2007 + Math.floor(rand() * 20)
      const years = 1 + Math.floor(rand() * 4)
      const periodStart = iso(startYear, 1 + Math.floor(rand() * 12), 1)
      const periodEnd = iso(startYear + years, 1 + Math.floor(rand() * 12), 28)
      const status = periodStart > TODAY ? 'planned' : periodEnd < TODAY ? 'completed' : 'ongoing'
      const programme = weighted(rand, programmes, progWeights)
      const currency = programme.family === 'Interreg' || programme.family === 'Horizon' ? 'EUR' : 'SEK'
      // Log-normal budget around 3 M (SEK) or 0.3 M (EUR), in minor units.
      const budget = Math.round(Math.exp(Math.log(currency === 'EUR' ? 3e5 : 3e6) + (rand() - 0.5) * 3)) * 100
      const theme = WORDS[zipf(rand, WORDS.length)] ?? 'projekt'
      const name = `${capital(theme)} och ${WORDS[zipf(rand, WORDS.length)]} i ${capital(inventedWord(rand, 2))}`
      const acronym = projectAcronym(i)
      const summaryWords: string[] = []
      const length = 12 + Math.floor(rand() * 20)
      for (let w = 0; w < length; w++) {
        summaryWords.push(WORDS[zipf(rand, WORDS.length)] ?? 'projekt')
      }
      const summary = `${capital(summaryWords.join(' '))}.`
      projectRows.push({
        id: i,
        tenant_id: tenant,
        name,
        acronym,
        summary,
        programme_id: programme.id,
        programme_raw: programme.canonical,
        period_start: periodStart,
        period_end: periodEnd,
        status,
        total_budget_minor: budget,
        total_budget_currency: currency,
        eu_contribution_minor: Math.round(budget * 0.6),
        eu_contribution_currency: currency,
        website: null,
        areas_json: '[]',
        search_text: searchKey(name, acronym, summary),
        created_at: at,
        updated_at: at,
        published_at: at,
      })
      // The tenant takes part (lead or partner), then 0–12 partners (geometric, mean ~3).
      const tenantLeads = rand() < 0.7
      partRows.push({
        id: ++participationId,
        tenant_id: tenant,
        project_id: i,
        organisation_id: tenant,
        unit_id: (tenant - 1) * UNITS.length + 1 + Math.floor(rand() * UNITS.length),
        role: tenantLeads ? 'lead' : 'partner',
        budget_minor: Math.round(budget * 0.4),
        budget_currency: currency,
        eu_cofinancing_minor: null,
        eu_cofinancing_currency: null,
        theme: pick(rand, THEMES),
        created_at: at,
        updated_at: at,
      })
      const partners = Math.min(12, Math.floor(-Math.log(1 - rand()) * 3))
      const seen = new Set<number>()
      for (let k = 0; k < partners; k++) {
        // Zipf over partners: a few organisations take part in many projects, as networks do.
        const partner = 1 + zipf(rand, shape.partners)
        if (seen.has(partner)) {
          continue
        }
        seen.add(partner)
        partRows.push({
          id: ++participationId,
          tenant_id: tenant,
          project_id: i,
          organisation_id: shape.tenants + partner,
          unit_id: null,
          role: !tenantLeads && seen.size === 1 ? 'lead' : 'partner',
          budget_minor: null,
          budget_currency: null,
          eu_cofinancing_minor: null,
          eu_cofinancing_currency: null,
          theme: null,
          created_at: at,
          updated_at: at,
        })
      }
    }
    await db.transaction().execute(async (trx) => {
      await insertChunked(trx, 'project', projectRows)
      await insertChunked(trx, 'participation', partRows)
    })
  }
  if (dialect === 'postgres') {
    // Explicit ids leave the identity sequences behind; move them past the loaded rows.
    for (const table of ['organisation', 'unit', 'project', 'participation']) {
      await sql`select setval(pg_get_serial_sequence(${table}, 'id'), (select max(id) from ${sql.table(table)}))`.execute(
        db,
      )
    }
  }
  return {
    shape,
    firstProjectId: 1,
    lastProjectId: projects,
    participations: participationId,
    insertMs: performance.now() - started,
  }
}
