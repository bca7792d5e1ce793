import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { matchProjects, type ProjectFacts } from './project-match.js'

const p = (name: string, more: Partial<ProjectFacts> = {}): ProjectFacts => ({
  name,
  acronym: null,
  programme: null,
  start: null,
  end: null,
  ...more,
})

// Pairs from the seeds' gold files (../shared/gold), both directions.
const SAME: readonly [ProjectFacts, ProjectFacts, string][] = [
  [
    p('Samverkan för barns rätt till lek, vila & fritid', {
      programme: 'ESF+',
      start: '2023-02-01',
      end: '2026-01-31',
    }),
    p('Barns rätt till lek, vila och fritid', { programme: 'ESF+', start: '2023-02-01', end: '2026-01-30' }),
    'two committees, one name shortened',
  ],
  [
    p('Hållbara övergångar för unga i riskzon', {
      programme: 'ESF+',
      start: '2023-09-01',
      end: '2026-08-31',
    }),
    p('ESF Hållbara övergångar', { programme: 'ESF+', start: '2023-09-01', end: '2026-08-31' }),
    'programme name in the title',
  ],
  [
    p('Net Zero Cities Pilot Cities Programme', {
      programme: 'Horizon 2020',
      start: '2023-06-02',
      end: '2025-06-02',
    }),
    p('NetZero Pilot cities', { programme: 'Horizon 2020', start: '2023-06-01', end: '2025-05-31' }),
    'camel case, dates a day apart',
  ],
  [p('PowerBio'), p('Powerbio'), 'case'],
  [
    p('STRIVE', { programme: 'Interreg South Baltic', start: '2024-06-01', end: '2027-05-31' }),
    p('Sustainable Tourism through Resilient and Innovative Festival Ventures', {
      acronym: 'STRIVE',
      programme: 'Interreg South Baltic',
      start: '2024-06-30',
      end: '2026-08-30',
    }),
    "one name is the other's acronym",
  ],
  [
    p('Green Region with Alternative fuels for Transport', { acronym: 'GREAT', start: '2015', end: '2019' }),
    p('Green Region with Alternative fuels for Transport', { acronym: 'GREAT', start: '2015', end: '2019' }),
    'listed under two themes',
  ],
  [
    p('Förstudie', { programme: 'ESF', start: '2019-01-01' }),
    p('Förstudie', { programme: 'ESF+', start: '2019-01-01' }),
    'successor programme',
  ],
]

const DIFFERENT: readonly [ProjectFacts, ProjectFacts, string][] = [
  [p('ELAINE'), p('ELAINE 2'), 'a second phase'],
  [p('Erasmus-Ackreditering Projekt 8670'), p('Erasmus-Ackreditering-2024 Projekt 8680'), 'grant numbers'],
  [
    p('Erasmus+Ackreditering Yrkes 2023', { programme: 'Erasmus+', start: '2023-06-01', end: '2025-06-01' }),
    p('Erasmus+Ackreditering Skola 2023', { programme: 'Erasmus+', start: '2023-06-01', end: '2025-06-01' }),
    'each name has its own word',
  ],
  [
    p('Kompetensutvecklingsprojekt Medledare', { programme: 'ESF+', start: '2024-09-02', end: '2026-08-31' }),
    p('Kompetensutveckling AMA', { programme: 'ESF+', start: '2025-09-01', end: '2028-04-30' }),
    'similar spelling',
  ],
  [
    p('Kultur och hälsa', { programme: 'Creative Europe' }),
    p('Kultur och hälsa', { programme: 'ERDF' }),
    'unrelated programmes',
  ],
  [
    p('Leader Linné Småland', { start: '2004', end: '2008' }),
    p('Leader Linné Småland', { start: '2023', end: '2027' }),
    'periods far apart',
  ],
  [
    p('Circular Economy Office', { acronym: 'CEO' }),
    p('Circular Economy Office', { acronym: 'CEO2' }),
    'acronyms differ',
  ],
]

describe('project matching', () => {
  for (const [a, b, why] of SAME) {
    it(`same: ${a.name} / ${b.name} (${why})`, () => {
      assert.equal(matchProjects(a, b).verdict, 'same', JSON.stringify(matchProjects(a, b)))
      assert.equal(matchProjects(b, a).verdict, 'same')
    })
  }
  for (const [a, b, why] of DIFFERENT) {
    it(`different: ${a.name} / ${b.name} (${why})`, () => {
      assert.notEqual(matchProjects(a, b).verdict, 'same', JSON.stringify(matchProjects(a, b)))
      assert.notEqual(matchProjects(b, a).verdict, 'same')
    })
  }
  it('a likely pair gets a score for review and the reasons', () => {
    const r = matchProjects(
      p('Leader Linné Småland (Leader-verksamhet)', { programme: 'EAFRD', start: '2023', end: '2027' }),
      p('Leader Linné Småland', { programme: 'EAFRD', start: '2014', end: '2023' }),
    )
    assert.equal(r.verdict, 'likely')
    assert.ok(r.score >= 0.7 && r.score < 0.9)
    assert.ok(r.reasons.includes('every word of the shorter name is in the longer'))
  })
})
