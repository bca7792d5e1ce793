import { fold } from '../shared/fold.js'

/**
 * Funding programmes and how sources name them (../shared/spec/programmes.md). The list is domain
 * data: the importer uses it to make programme names canonical, the registry seeds its programme
 * table from it, the annual report counts EU projects with `isEu`.
 */

/** Programme families, for grouping in reports. */
export type ProgrammeFamily =
  | 'ESF'
  | 'ERDF'
  | 'EAFRD'
  | 'EMFAF'
  | 'AMIF'
  | 'JTF'
  | 'Interreg'
  | 'Horizon'
  | 'Erasmus+'
  | 'LIFE'
  | 'CEF'
  | 'Creative Europe'
  | 'Europe for Citizens'
  | 'CERV'
  | 'EUI'
  | 'EIT'
  | 'Digital Europe'
  | 'EU4Health'
  | 'European Solidarity Corps'
  | 'Nordic'

/** One funding programme of the reference list. */
export interface Programme {
  /** the canonical name records carry in `programme` */
  readonly name: string
  readonly family: ProgrammeFamily
  /** first and last year the programme funded projects; null when open-ended */
  readonly from: number | null
  readonly to: number | null
  /** false for programmes outside the EU budget (Nordplus) */
  readonly isEu: boolean
  /** how sources write it, Swedish and English; matched as whole words, case and accents folded */
  readonly aliases: readonly string[]
  /** the programme that took over in later years (ESF → ESF+), chosen when the project starts after `to` */
  readonly successor?: string
  /** the programme it replaced, chosen when the project starts before `from` */
  readonly predecessor?: string
}

const p = (
  name: string,
  family: ProgrammeFamily,
  from: number | null,
  to: number | null,
  aliases: readonly string[],
  extra: Partial<Pick<Programme, 'isEu' | 'successor' | 'predecessor'>> = {},
): Programme => ({ name, family, from, to, isEu: extra.isEu ?? true, aliases, ...extra })

/** The reference list of funding programmes, canonical names as in ../shared/spec/programmes.md. */
export const PROGRAMMES: readonly Programme[] = [
  p(
    'ESF',
    'ESF',
    null,
    2020,
    [
      'ESF',
      'Europeiska socialfonden',
      'Socialfonden',
      'European Social Fund',
      'Svenska ESF-rådet',
      'ESF-rådet',
      'Europeiska unionen/Europeiska socialfonden',
      'Social fund',
    ],
    { successor: 'ESF+' },
  ),
  p(
    'ESF+',
    'ESF',
    2021,
    2027,
    [
      'ESF+',
      'Europeiska socialfonden+',
      'Socialfonden+',
      'European Social Fund+',
      'European Social Fund Plus',
      'Europeiska socialfonden plus',
    ],
    { predecessor: 'ESF' },
  ),
  p('ERDF', 'ERDF', null, null, [
    'ERDF',
    'ERUF',
    'Europeiska regionala utvecklingsfonden',
    'Regionala utvecklingsfonden',
    'Europeiska regionalfonden',
    'Regionalfonden',
    'Regionalfondsprogrammet',
    'Regionalt strukturfondsprogram',
    'Regionala strukturfondsprogrammet',
    'strukturfondsprogram för Skåne och Blekinge',
    'Det regionala strukturfondspartnerskapet',
    'strukturfondspartnerskapet',
    'European Regional Development Fund',
    'EFRE',
    'FEDER',
  ]),
  p('EAFRD', 'EAFRD', null, null, [
    'EAFRD',
    'Europeiska jordbruksfonden för landsbygdsutveckling',
    'Europeiska jordbruksfonden',
    'Jordbruksfonden för landsbygdsutveckling',
    'Landsbygdsprogrammet',
    'Landsbygdsprogram',
    'Leader',
    'Leader LAG',
    'Jordbruksverket och Leader LAG',
    'European Agricultural Fund for Rural Development',
    'Lokalt ledd utveckling',
  ]),
  p('EMFAF', 'EMFAF', null, null, [
    'EMFAF',
    'EHFVF',
    'EHFF',
    'EMFF',
    'Havs- och fiskerifonden',
    'Europeiska havs- och fiskerifonden',
    'Europeiska havs-, fiske- och vattenbruksfonden',
    'Havs-, fiske- och vattenbruksprogrammet',
    'European Maritime and Fisheries Fund',
    'European Maritime, Fisheries and Aquaculture Fund',
  ]),
  p('AMIF', 'AMIF', null, null, [
    'AMIF',
    'Asyl-, migrations- och integrationsfonden',
    'Asylum, Migration and Integration Fund',
    'Asylum and Migration Fund',
  ]),
  p('JTF', 'JTF', 2021, 2027, ['JTF', 'Fonden för en rättvis omställning', 'Just Transition Fund']),
  p(
    'Interreg Öresund-Kattegat-Skagerrak',
    'Interreg',
    2014,
    null,
    [
      'Interreg ÖKS',
      'Interreg ØKS',
      'Öresund-Kattegat-Skagerrak',
      'Öresund Kattegat Skagerrak',
      'Interreg Öresund-Kattegat-Skagerrak',
      'ÖKS-programmet',
    ],
    { predecessor: 'Interreg Öresund' },
  ),
  p(
    'Interreg Öresund',
    'Interreg',
    null,
    2013,
    [
      'Interreg Öresund',
      'INTERREG IVA Öresund',
      'Interreg IV A Öresund',
      'Interreg IIIA Öresund',
      'Öresundsprogrammet',
      'Interreg Øresund',
    ],
    { successor: 'Interreg Öresund-Kattegat-Skagerrak' },
  ),
  p('Interreg Kattegat-Skagerrak', 'Interreg', null, 2013, [
    'Interreg Kattegat-Skagerrak',
    'Interreg IVA Kattegat-Skagerrak',
    'Kattegat-Skagerrak-programmet',
  ]),
  p('Interreg South Baltic', 'Interreg', null, null, [
    'Interreg South Baltic',
    'South Baltic',
    'Södra Östersjöprogrammet',
    'Södra Östersjön',
    'Interreg Södra Östersjön',
    'South Baltic Programme',
  ]),
  p('Interreg Baltic Sea Region', 'Interreg', null, null, [
    'Interreg Baltic Sea Region',
    'Interreg BSR',
    'Baltic Sea Region Programme',
    'Interreg Östersjöregionen',
    'Östersjöprogrammet',
    'Interreg Östersjöprogrammet',
    'Östersjöregionprogrammet',
  ]),
  p('Interreg Central Baltic', 'Interreg', null, null, [
    'Interreg Central Baltic',
    'Central Baltic',
    'Centrala Östersjöprogrammet',
  ]),
  p('Interreg North Sea', 'Interreg', null, null, [
    'Interreg North Sea',
    'Interreg North Sea Region',
    'North Sea Region Programme',
    'Nordsjöprogrammet',
    'Interreg Nordsjöregionen',
  ]),
  p('Interreg Europe', 'Interreg', null, null, [
    'Interreg Europe',
    'Interreg europé',
    'Interreg Europa',
    'Interreg IVC',
    'Interregeurope',
  ]),
  p('Interreg Central Europe', 'Interreg', null, null, [
    'Interreg Central Europe',
    'Interreg CE',
    'Central Europe Programme',
  ]),
  p('Interreg Danube', 'Interreg', null, null, [
    'Interreg Danube',
    'Danube Transnational Programme',
    'Interreg Danube Region',
    'Donauprogrammet',
  ]),
  p('Interreg Sverige-Norge', 'Interreg', null, null, [
    'Interreg Sverige-Norge',
    'Interreg Sverige Norge',
    'Interreg Sweden-Norway',
  ]),
  p('Interreg Aurora', 'Interreg', 2021, null, ['Interreg Aurora']),
  p('Interreg Nord', 'Interreg', null, 2020, ['Interreg Nord']),
  p('Interreg Botnia-Atlantica', 'Interreg', null, 2020, ['Interreg Botnia-Atlantica', 'Botnia-Atlantica']),
  p('Interreg Northern Periphery and Arctic', 'Interreg', null, null, [
    'Interreg NPA',
    'Northern Periphery and Arctic',
    'Interreg Northern Periphery',
  ]),
  p('Interreg Alpine Space', 'Interreg', null, null, ['Interreg Alpine Space', 'Alpine Space']),
  p('Interreg ADRION', 'Interreg', null, null, ['Interreg ADRION', 'ADRION']),
  p('Interreg MED', 'Interreg', null, null, ['Interreg MED', 'Interreg Euro-MED', 'Euro-MED']),
  p('Interreg North-West Europe', 'Interreg', null, null, ['Interreg North-West Europe', 'Interreg NWE']),
  p('INTERACT', 'Interreg', null, null, ['INTERACT', 'Interact programme']),
  p('ESPON', 'Interreg', null, null, ['ESPON']),
  p('URBACT', 'Interreg', null, null, ['URBACT', 'Urbact III', 'Urbact IV']),
  p('Horizon 2020', 'Horizon', 2014, 2020, ['Horizon 2020', 'Horisont 2020', 'H2020', 'Horizon2020']),
  p('Horizon Europe', 'Horizon', 2021, 2027, ['Horizon Europe', 'Horisont Europa', 'Horisont Europe', 'HEU']),
  p('Erasmus+', 'Erasmus+', 2014, null, [
    'Erasmus+',
    'Erasmus',
    'Erasmus plus',
    'Erasmus+ KA1',
    'KA121',
    'KA122',
    'KA2',
    'KA210',
    'KA220',
    'Erasmus-Ackreditering',
  ]),
  p('LIFE', 'LIFE', null, null, ['LIFE', 'LIFE-programmet', 'LIFE programme', 'LIFE+', 'Life-programmet']),
  p('Connecting Europe Facility', 'CEF', null, null, [
    'Connecting Europe Facility',
    'CEF',
    'Fonden för ett sammanlänkat Europa',
    'Fonden för ett sammankopplat Europa',
    'CEF Transport',
  ]),
  p('Creative Europe', 'Creative Europe', 2014, null, [
    'Creative Europe',
    'Kreativa Europa',
    'Creative Europe Programme',
    'CREA',
  ]),
  p('Europe for Citizens', 'Europe for Citizens', 2014, 2020, [
    'Europe for Citizens',
    'Europa för medborgarna',
    'Europe for Citizens programme',
  ]),
  p('CERV', 'CERV', 2021, 2027, [
    'CERV',
    'Citizens, Equality, Rights and Values',
    'Medborgare, jämlikhet, rättigheter och värden',
  ]),
  p('European Urban Initiative', 'EUI', 2021, null, [
    'European Urban Initiative',
    'EUI',
    'Europeiska stadsinitiativet',
  ]),
  p('Urban Innovative Actions', 'EUI', 2015, 2020, ['Urban Innovative Actions', 'UIA']),
  p('EIT Climate-KIC', 'EIT', null, null, ['EIT Climate-KIC', 'Climate KIC', 'Climate-KIC', 'ClimateKIC']),
  p('EIT Urban Mobility', 'EIT', null, null, ['EIT Urban Mobility']),
  p('Driving Urban Transitions', 'Horizon', 2021, null, [
    'Driving Urban Transitions',
    'Driving Urban Transition',
    'DUT',
    'DUT Partnership',
  ]),
  p('Biodiversa+', 'Horizon', 2021, null, ['Biodiversa+', 'Biodiversa', 'BiodivERsA']),
  p('Digital Europe', 'Digital Europe', 2021, 2027, [
    'Digital Europe',
    'Digital Europe Programme',
    'Programmet för ett digitalt Europa',
    'Digitala Europa',
  ]),
  p('EU4Health', 'EU4Health', 2021, 2027, ['EU4Health', 'EU för hälsa']),
  p('European Solidarity Corps', 'European Solidarity Corps', 2018, null, [
    'European Solidarity Corps',
    'Europeiska solidaritetskåren',
    'Solidaritetskåren',
  ]),
  p(
    'Nordplus',
    'Nordic',
    null,
    null,
    ['Nordplus', 'Nordplus Junior', 'Nordplus Voksen', 'Nordplus Horizontal', 'Nordplus Adult'],
    {
      isEu: false,
    },
  ),
  p(
    'Nordic Council of Ministers',
    'Nordic',
    null,
    null,
    ['Nordiska ministerrådet', 'Nordic Council of Ministers', 'Nordisk ministerråd'],
    {
      isEu: false,
    },
  ),
]

/** What {@link canonicalProgramme} makes of a programme as written. */
export interface CanonicalProgramme {
  /** the canonical name, or the source's own name (cleaned) for a programme not on the list; null for no programme */
  readonly programme: string | null
  /** the list entry, when one matched */
  readonly known: Programme | null
  /** true for a known EU programme, or an unknown one the text calls EU-funded ("Interreg", "EU-medel") */
  readonly isEu: boolean
  readonly issues: string[]
}

interface Alias {
  readonly folded: string
  readonly programme: Programme
}

// Longest alias first: 'interreg oresund kattegat skagerrak' must win over 'interreg oresund'.
const ALIASES: readonly Alias[] = PROGRAMMES.flatMap((programme) =>
  [programme.name, ...programme.aliases].map((a) => ({ folded: fold(a), programme })),
).sort((a, b) => b.folded.length - a.folded.length)

const BY_NAME = new Map(PROGRAMMES.map((x) => [x.name, x]))

const NO_PROGRAMME = /^(?:-+|–|vet ej|vet inte|okänt|saknas|ej aktuellt|n\/a|inget|ingen|unknown)\.?$/i

/**
 * Finds the canonical programme for a programme name as a source writes it, taking the project's
 * period into account: a programme used outside its years gives way to its successor or
 * predecessor ("Europeiska socialfonden" for a 2023 project is ESF+; "Interreg Öresund" from 2014
 * on is Interreg Öresund-Kattegat-Skagerrak), with an issue saying so. A name not on the list keeps
 * its own wording (first sentence, trimmed), and is marked not EU.
 * @param raw the programme as written ("Europeiska Socialfonden+, A2")
 * @param year the year the project starts (or, lacking that, the best year known); omit when unknown
 * @example canonicalProgramme('Europeiska socialfonden', 2023).programme // 'ESF+'
 */
export function canonicalProgramme(raw: string | null | undefined, year?: number | null): CanonicalProgramme {
  const text = (raw ?? '').replace(/\s+/g, ' ').trim()
  if (text === '' || NO_PROGRAMME.test(text)) {
    return { programme: null, known: null, isEu: false, issues: [] }
  }
  const folded = ` ${fold(text)} `
  const hit = ALIASES.find((a) => a.folded !== '' && folded.includes(` ${a.folded} `))
  if (!hit) {
    // Not on the list: EU money only when the text says so ("Interreg", "EU-medel"), not for
    // anything merely European ("European Cultural Foundation").
    const isEu = /(?:^|[^\p{L}])(?:interreg|eu|europeiska unionen|european union)(?![\p{L}])/iu.test(text)
    return { programme: ownName(text), known: null, isEu, issues: [] }
  }
  let programme = hit.programme
  const issues: string[] = []
  if (typeof year === 'number') {
    const next = programme.successor ? BY_NAME.get(programme.successor) : undefined
    const prev = programme.predecessor ? BY_NAME.get(programme.predecessor) : undefined
    if (programme.to !== null && year > programme.to && next) {
      issues.push(
        `programme written '${text}' for a project from ${year} (${next.name} period); read as ${next.name}`,
      )
      programme = next
    } else if (programme.from !== null && year < programme.from && prev) {
      issues.push(
        `programme written '${text}' for a project from ${year} (${prev.name} period); read as ${prev.name}`,
      )
      programme = prev
    }
  }
  return { programme: programme.name, known: programme, isEu: programme.isEu, issues }
}

/** The source's own programme name, cut to its first sentence and to the call's name when given as one. */
function ownName(text: string): string {
  const sentence = (text.split(/(?<=[a-z\d)])\.\s+/i)[0] ?? text).replace(/[.,;:]+$/, '').trim()
  // "Tillväxtverkets utlysning Tillväxtskapande samhällsplanering 2018": the call's name is the programme.
  const call = /\butlysning(?:en)?\s+(.+?)(?:\s+(?:19|20)\d{2})?$/i.exec(sentence)
  return call?.[1] ? call[1] : sentence
}
