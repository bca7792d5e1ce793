import type { Kysely } from 'kysely'
import type { Database } from '../../src/db/database.js'
import { createCouncilGoal } from '../../src/registry/council-goal.service.js'
import { createUnit } from '../../src/registry/organisation.service.js'
import { addParticipation } from '../../src/registry/participation.service.js'
import { createProject } from '../../src/registry/project.service.js'
import type { Scope } from '../../src/registry/scope.js'

/** A tenant's year for the round: two units, three projects (one shared by both units, one Nordplus). */
export async function buildRoundPortfolio(
  db: Kysely<Database>,
  scope: Scope,
  year = 2025,
): Promise<{ units: { id: number; name: string }[]; goals: number[] }> {
  const miljo = await createUnit(db, scope, { name: 'Miljönämnden' })
  const kultur = await createUnit(db, scope, { name: 'Kulturnämnden' })
  const g1 = await createCouncilGoal(db, scope, { period: '2023-2026', number: 1, text: 'En grön stad' })
  const g2 = await createCouncilGoal(db, scope, { period: '2023-2026', number: 2, text: 'En jämlik stad' })
  const period = { start: `${year - 1}-01-01`, end: `${year + 1}-12-31` }
  const shared = await createProject(db, scope, {
    name: 'Gröna skolgårdar',
    programme: 'Interreg Öresund-Kattegat-Skagerrak',
    totalBudget: { amountMinor: 2_000_000_000, currency: 'SEK' },
    ...period,
  })
  const own = await createProject(db, scope, {
    name: 'Kultur för alla',
    programme: 'Creative Europe',
    ...period,
  })
  const nordic = await createProject(db, scope, { name: 'Nordiskt utbyte', programme: 'Nordplus', ...period })
  const me = scope.tenantId
  await addParticipation(db, scope, shared.id, {
    organisationId: me,
    unitId: miljo.id,
    role: 'lead',
    budget: { amountMinor: 300_000_000, currency: 'SEK' },
  })
  await addParticipation(db, scope, shared.id, { organisationId: me, unitId: kultur.id, role: 'partner' })
  await addParticipation(db, scope, own.id, { organisationId: me, unitId: kultur.id, role: 'partner' })
  await addParticipation(db, scope, nordic.id, { organisationId: me, unitId: miljo.id, role: 'lead' })
  return {
    units: [
      { id: miljo.id, name: miljo.name },
      { id: kultur.id, name: kultur.name },
    ],
    goals: [g1.id, g2.id],
  }
}
