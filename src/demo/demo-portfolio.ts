import { toStoredMoney } from '../registry/money.js'
import type { NewOrganisation } from '../registry/organisation.js'
import type { NewContact, NewPayment } from '../registry/participation.js'
import type { NewProject } from '../registry/project.js'
import type { Role } from '../registry/project-record.js'

/**
 * Every name in the demo portfolio starts with this marker, so a demo record can never be taken
 * for a real one: on the page, in the API and in every export.
 */
export const DEMO_PREFIX = '[Demo] '

/** True for a name the demo generator made. */
export function isDemoName(name: string): boolean {
  return name.startsWith(DEMO_PREFIX)
}

/** Keys of the invented organisations below. */
export type DemoOrgKey = 'tenant' | 'region' | 'havsby' | 'nordstadt' | 'portowe' | 'kapu' | 'school'

/** One invented organisation's part in an invented project; amounts in whole units. */
export interface DemoParticipation {
  readonly org: DemoOrgKey
  /** the tenant's committee, for the tenant's own participations */
  readonly unit?: string
  readonly role: Role
  /** this organisation's OWN budget and EU co-financing: never the project's totals */
  readonly budget?: readonly [amount: number, currency: string]
  readonly euCofinancing?: readonly [amount: number, currency: string]
  readonly theme?: string
  readonly payments?: readonly (readonly [year: number, amount: number, currency: string])[]
  readonly contacts?: readonly NewContact[]
}

/** One invented project with its participations. */
export interface DemoProject {
  readonly project: NewProject
  readonly participations: readonly DemoParticipation[]
  /** false keeps it a draft, seen only by the tenant's own users (default true: in the public catalogue) */
  readonly published?: boolean
}

const demo = (name: string) => `${DEMO_PREFIX}${name}`
const money = (amount: number, currency: string) => toStoredMoney(amount, currency)

/** The invented organisations; `tenant` keeps the portfolio. */
export const DEMO_ORGANISATIONS: Readonly<Record<DemoOrgKey, NewOrganisation>> = {
  tenant: {
    name: demo('Exempelstads kommun'),
    aliases: [demo('Exempelstad Municipality')],
    country: 'SE',
    kind: 'municipality',
    isTenant: true,
  },
  region: { name: demo('Region Exempellän'), aliases: [], country: 'SE', kind: 'region' },
  havsby: {
    name: demo('Havsby Kommune'),
    aliases: [demo('Havsby Municipality')],
    country: 'DK',
    kind: 'municipality',
  },
  nordstadt: { name: demo('Hochschule Nordstadt'), aliases: [], country: 'DE', kind: 'university' },
  portowe: {
    name: demo('Miasto Portowe'),
    aliases: [demo('City of Portowe')],
    country: 'PL',
    kind: 'municipality',
  },
  kapu: { name: demo('Kāpu pilsētas attīstības aģentūra'), aliases: [], country: 'LV', kind: 'agency' },
  school: { name: demo('Exempelstads gymnasium'), aliases: [], country: 'SE', kind: 'school' },
}

/** The tenant's committees that own its participations. */
export const DEMO_UNITS: readonly string[] = [
  'Miljönämnden',
  'Utbildningsnämnden',
  'Kommunstyrelsen',
  'Arbetsmarknadsnämnden',
]

const contact = (name: string, title: string): NewContact => ({
  name: demo(name),
  title,
  phone: null,
  // example.org is reserved for documentation (RFC 2606): no real person receives these.
  email: `${name
    .toLowerCase()
    .replace(/\s+/g, '.')
    .normalize('NFD')
    .replace(/[^a-z.]/g, '')}@example.org`,
})

/**
 * A small portfolio of invented projects that shows what the registry holds: several programmes,
 * dates at year, month and day precision, planned/ongoing/completed, lead and partner roles,
 * project totals kept apart from each organisation's own share, and payments per reporting year.
 */
export const DEMO_PROJECTS: readonly DemoProject[] = [
  {
    project: {
      name: demo('Blå kust – klimatanpassning av kuststäder'),
      acronym: 'BLUECOAST',
      summary:
        'Påhittat exempel. Fyra kuststäder runt Södra Östersjön tar fram gemensamma metoder för skydd mot höjda havsnivåer.',
      programme: 'Interreg South Baltic',
      programmeRaw: 'Södra Östersjöprogrammet',
      start: '2023-09-01',
      end: '2026-08-31',
      status: 'ongoing',
      totalBudget: money(2_600_000, 'EUR'),
      euContribution: money(2_080_000, 'EUR'),
      website: 'https://example.org/bluecoast',
      areas: ['Södra Östersjön'],
    },
    participations: [
      {
        org: 'tenant',
        unit: 'Miljönämnden',
        role: 'lead',
        budget: [640_000, 'EUR'],
        euCofinancing: [512_000, 'EUR'],
        theme: 'Klimatanpassning',
        payments: [
          [2024, 1_450_000, 'SEK'],
          [2025, 2_100_000, 'SEK'],
        ],
        contacts: [contact('Anna Exempel', 'Projektledare')],
      },
      { org: 'havsby', role: 'partner', budget: [700_000, 'EUR'], euCofinancing: [560_000, 'EUR'] },
      { org: 'portowe', role: 'partner', budget: [760_000, 'EUR'], euCofinancing: [608_000, 'EUR'] },
      { org: 'kapu', role: 'partner', budget: [500_000, 'EUR'], euCofinancing: [400_000, 'EUR'] },
    ],
  },
  {
    project: {
      name: demo('Gröna skolgårdar'),
      acronym: null,
      summary:
        'Påhittat exempel. Elever och lärare gör om skolgårdar till platser för lek, lärande och biologisk mångfald.',
      programme: 'Erasmus+',
      programmeRaw: 'Erasmus+ KA2',
      start: '2022-09',
      end: '2024-08',
      status: 'completed',
      totalBudget: money(250_000, 'EUR'),
      euContribution: money(250_000, 'EUR'),
      website: null,
      areas: [],
    },
    participations: [
      {
        org: 'tenant',
        unit: 'Utbildningsnämnden',
        role: 'partner',
        budget: [62_500, 'EUR'],
        euCofinancing: [62_500, 'EUR'],
        theme: 'Utbildning',
        payments: [
          [2023, 310_000, 'SEK'],
          [2024, 395_000, 'SEK'],
        ],
      },
      { org: 'school', role: 'partner' },
      { org: 'nordstadt', role: 'lead', budget: [120_000, 'EUR'], euCofinancing: [120_000, 'EUR'] },
    ],
  },
  {
    project: {
      name: demo('Vägar till arbete'),
      acronym: 'VTA',
      summary:
        'Påhittat exempel. Stöd till unga vuxna som varken arbetar eller studerar, i samverkan med regionen.',
      programme: 'ESF+',
      programmeRaw: 'Europeiska socialfonden+',
      start: '2024',
      end: '2026',
      status: 'ongoing',
      totalBudget: money(14_800_000, 'SEK'),
      euContribution: money(8_880_000, 'SEK'),
      website: null,
      areas: ['Exempellän'],
    },
    participations: [
      {
        org: 'tenant',
        unit: 'Arbetsmarknadsnämnden',
        role: 'lead',
        budget: [9_200_000, 'SEK'],
        euCofinancing: [5_520_000, 'SEK'],
        theme: 'Arbetsmarknad',
        payments: [[2025, 1_980_000, 'SEK']],
        contacts: [contact('Erik Prov', 'Verksamhetsutvecklare')],
      },
      { org: 'region', role: 'partner', budget: [5_600_000, 'SEK'], euCofinancing: [3_360_000, 'SEK'] },
    ],
  },
  {
    project: {
      name: demo('Smart energi i offentliga byggnader'),
      acronym: 'SMARTBUILD',
      summary: 'Påhittat exempel. Forskare och kommuner testar styrning av energi i skolor och äldreboenden.',
      programme: 'Horizon Europe',
      programmeRaw: 'Horisont Europa',
      start: '2025-01',
      end: '2028-12',
      status: 'ongoing',
      totalBudget: money(5_400_000, 'EUR'),
      euContribution: money(4_950_000, 'EUR'),
      website: 'https://example.org/smartbuild',
      areas: [],
    },
    participations: [
      {
        org: 'tenant',
        unit: 'Kommunstyrelsen',
        role: 'partner',
        budget: [310_000, 'EUR'],
        euCofinancing: [310_000, 'EUR'],
        theme: 'Energi',
      },
      { org: 'nordstadt', role: 'lead', budget: [1_900_000, 'EUR'], euCofinancing: [1_900_000, 'EUR'] },
      { org: 'havsby', role: 'partner' },
    ],
  },
  {
    project: {
      name: demo('Levande våtmarker'),
      acronym: null,
      summary: 'Påhittat exempel. Restaurering av tre våtmarker för vattenrening och fågelliv.',
      programme: 'LIFE',
      programmeRaw: 'LIFE-programmet',
      start: '2019-06-01',
      end: '2023-05-31',
      status: 'completed',
      totalBudget: money(3_150_000, 'EUR'),
      euContribution: money(1_890_000, 'EUR'),
      website: null,
      areas: ['Exempelåns avrinningsområde'],
    },
    participations: [
      {
        org: 'tenant',
        unit: 'Miljönämnden',
        role: 'lead',
        budget: [2_250_000, 'EUR'],
        euCofinancing: [1_350_000, 'EUR'],
        theme: 'Biologisk mångfald',
        payments: [
          [2020, 2_400_000, 'SEK'],
          [2021, 3_100_000, 'SEK'],
          [2022, 2_750_000, 'SEK'],
        ],
      },
      { org: 'region', role: 'partner', budget: [900_000, 'EUR'], euCofinancing: [540_000, 'EUR'] },
    ],
  },
  {
    project: {
      name: demo('Hamnstaden för alla'),
      acronym: 'PORT4ALL',
      summary:
        'Påhittat exempel. Ett nätverk av hamnstäder som planerar en ansökan om tillgängliga stadsmiljöer.',
      programme: 'URBACT',
      programmeRaw: 'Urbact IV',
      start: '2026',
      end: null,
      status: 'planned',
      totalBudget: null,
      euContribution: null,
      website: null,
      areas: [],
    },
    participations: [
      { org: 'tenant', unit: 'Kommunstyrelsen', role: 'partner', theme: 'Stadsutveckling' },
      { org: 'portowe', role: 'lead' },
    ],
    // An application in preparation: shows a draft that the public catalogue does not list.
    published: false,
  },
]

/** Payments as the registry takes them. */
export function demoPayments(p: DemoParticipation): NewPayment[] {
  return (p.payments ?? []).map(([year, amount, currency]) => ({ year, amount: money(amount, currency) }))
}
