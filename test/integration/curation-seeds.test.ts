import assert from 'node:assert/strict'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import type { Kysely } from 'kysely'
import { loadConfig } from '../../src/config/config.js'
import { listCandidates } from '../../src/curation/review.service.js'
import type { Database } from '../../src/db/database.js'
import { readDocument } from '../../src/import/extract/read-document.js'
import { importDocument } from '../../src/import/import-document.js'
import { parseDocument } from '../../src/import/parse/parse-document.js'
import { listOrganisations } from '../../src/registry/organisation.service.js'
import {
  listProjectRecords,
  type ProjectRecordWithParticipations,
} from '../../src/registry/project-record.service.js'
import type { Scope } from '../../src/registry/scope.js'
import { buildTenant } from '../support/factories.js'
import { NEEDS_SHARED, SHARED_DIR as SHARED } from '../support/shared.js'
import { createTestDb, DIALECTS } from './dialects.js'

// Imports all five seed documents (../shared/seeds) through the real reader and importDocument,
// each into the portfolio of the organisation it reports for, and checks curation's outcome
// against the gold files' duplicate notes (../shared/gold).

const skip = NEEDS_SHARED
if (skip) {
  console.log(`# skipping curation seed tests: ${skip}`)
}

type GoldRecord = { name: string; issues: string[]; _line: number }

function gold(file: string): GoldRecord[] {
  return JSON.parse(readFileSync(join(SHARED, 'gold', file), 'utf8')) as GoldRecord[]
}

/** Gold pairs (by name) that are one project: "duplicate of record N" and "same project reported by … (line L)". */
function goldSamePairs(file: string): [string, string][] {
  const records = gold(file)
  const pairs: [string, string][] = []
  for (const r of records) {
    for (const issue of r.issues) {
      const dup = /duplicate of record (\d+)/.exec(issue)
      const other = dup ? records[Number(dup[1]) - 1] : undefined
      const reported = /same project reported by .*\(line (\d+)\)/.exec(issue)
      const byLine = reported ? records.find((x) => x._line === Number(reported[1])) : undefined
      const partner = other ?? byLine
      if (partner && partner !== r) {
        pairs.push([r.name, partner.name])
      }
    }
  }
  return pairs
}

for (const dialect of DIALECTS) {
  describe(`${dialect}: curation over the five seeds`, { skip }, () => {
    let db: Kysely<Database>
    const portfolios = new Map<string, { scope: Scope; records: ProjectRecordWithParticipations[] }>()

    before(async () => {
      db = await createTestDb(dialect)
      const config = loadConfig({}, process.cwd())
      for (const file of readdirSync(join(SHARED, 'seeds'))
        .filter((f) => f.endsWith('.txt'))
        .sort()) {
        const doc = await readDocument(join(SHARED, 'seeds', file), config)
        const records = parseDocument(doc)
        const owner = records.find((r) => r.organisation)?.organisation ?? `Utgivare av ${file}`
        const { scope } = await buildTenant(db, { name: owner })
        const outcome = await importDocument(db, scope, { document: doc, records })
        assert.equal(outcome.status, 'imported', `${file}: ${JSON.stringify(outcome)}`)
        portfolios.set(file, { scope, records: await listProjectRecords(db, scope) })
      }
    })
    after(async () => {
      await db?.destroy()
    })

    const seedOf = {
      'malmo-del2.json': '004_719ae671d378f085.txt',
      'region-skane.json': '001_dedbdf052308ff63.txt',
      'hassleholm.json': '000_54173b202783afc2.txt',
    } as const

    for (const [goldFile, seed] of Object.entries(seedOf)) {
      it(`${goldFile}: every gold duplicate ends as one project`, () => {
        const portfolio = portfolios.get(seed)
        assert.ok(portfolio)
        for (const [a, b] of goldSamePairs(goldFile)) {
          const named: ProjectRecordWithParticipations[] = portfolio.records.filter((p) =>
            [a.toLowerCase(), b.toLowerCase()].includes(p.name.toLowerCase()),
          )
          assert.equal(
            named.length,
            1,
            `"${a}" and "${b}" are one project: ${named.map((p) => p.name).join(' | ')}`,
          )
        }
      })

      it(`${goldFile}: no two different gold projects are merged`, () => {
        const portfolio = portfolios.get(seed)
        assert.ok(portfolio)
        const same = goldSamePairs(goldFile).flat()
        const distinct = new Set(
          gold(goldFile)
            .filter((r) => !same.includes(r.name))
            .map((r) => r.name.toLowerCase()),
        )
        // Every gold project that is no one's duplicate still has its own project (by name).
        const names = new Set(portfolio.records.map((p) => p.name.toLowerCase()))
        const missing = [...distinct].filter((n) => !names.has(n))
        // The reader may spell a few names differently from the annotator; merges would lose many.
        assert.ok(missing.length <= 2, `missing: ${missing.join(' | ')}`)
      })
    }

    it('Malmö: projects reported by two committees are one project with two participations', () => {
      const portfolio = portfolios.get('004_719ae671d378f085.txt')
      assert.ok(portfolio)
      for (const [a, b] of goldSamePairs('malmo-del2.json')) {
        const project: ProjectRecordWithParticipations | undefined = portfolio.records.find(
          (p) => p.name === a || p.name === b,
        )
        assert.ok(project, `"${a}" / "${b}" is in the registry`)
        const units: (string | null)[] = project.participations
          .filter((p) => p.unit !== null)
          .map((p) => p.unit)
        assert.equal(new Set(units).size, 2, `${project.name}: ${JSON.stringify(units)}`)
      }
      // Named pairs in both directions: these are one …
      for (const name of ['STRIVE', 'PowerBio', 'Net Zero Cities Pilot Cities Programme']) {
        const matches: ProjectRecordWithParticipations[] = portfolio.records.filter(
          (p) => p.name.toLowerCase() === name.toLowerCase() || p.acronym === name,
        )
        assert.equal(matches.length, 1, name)
      }
      // … and these stay apart.
      for (const apart of [
        ['Erasmus+Ackreditering Yrkes 2023', 'Erasmus+Ackreditering Skola 2023'],
        ['Erasmus-Ackreditering Projekt 8670', 'Erasmus-Ackreditering-2024 Projekt 8680'],
        ['Kompetensutvecklingsprojekt Medledare', 'Kompetensutveckling AMA'],
        ['Uppsök Ung Malmö', 'Social vägledning Ung Malmö'],
      ]) {
        for (const name of apart) {
          assert.ok(
            portfolio.records.some((p) => p.name === name),
            `"${name}" keeps its own project`,
          )
        }
      }
    })

    it('Hässleholm: ELAINE and ELAINE 2 stay two projects', () => {
      const portfolio = portfolios.get('000_54173b202783afc2.txt')
      assert.ok(portfolio)
      const names = portfolio.records.map((p) => p.name)
      assert.ok(names.includes('ELAINE') && names.includes('ELAINE 2'), names.join(' | '))
    })

    it('each project is listed once, and likely matches wait in the review queue', async () => {
      for (const [file, { scope, records }] of portfolios) {
        const keys = records.map((r) => r.name.toLowerCase())
        assert.equal(new Set(keys).size, keys.length, `${file}: a project is listed twice`)
        const open = await listCandidates(db, scope, { status: 'open' })
        for (const c of open) {
          assert.ok(c.score >= 0.7 && c.leftId !== c.rightId, JSON.stringify(c))
        }
      }
    })

    it('organisations: Swedish and English forms of one body are one organisation', async () => {
      const all = await listOrganisations(db)
      const holding = (name: string) => all.filter((o) => o.name === name || o.aliases.includes(name))
      for (const [a, b] of [
        ['Lunds universitet', 'Lund University'],
        ['Hässleholms kommun', 'Hässleholm Municipality'],
      ] as const) {
        const oa = holding(a)
        const ob = holding(b)
        if (oa.length > 0 && ob.length > 0) {
          assert.deepEqual(
            oa.map((o) => o.id),
            ob.map((o) => o.id),
            `${a} = ${b}`,
          )
        }
      }
      const lundUni = holding('Lunds universitet')[0]
      const lundKommun = all.find((o) => o.name === 'Lunds kommun' || o.aliases.includes('Lunds kommun'))
      if (lundUni && lundKommun) {
        assert.notEqual(lundUni.id, lundKommun.id)
      }
    })
  })
}
