/**
 * Every string the public catalogue shows, Swedish first and English second. A key missing in
 * English is a type error, so no page can fall back to Swedish by accident.
 */

/** The languages the catalogue speaks. */
export type Lang = 'sv' | 'en'
export const LANGS: readonly Lang[] = ['sv', 'en']

const sv = {
  site: 'Projektatlas',
  tagline: 'EU-projekt och internationella projekt',
  skip: 'Hoppa till innehållet',
  nav: 'Huvudmeny',
  navCatalogue: 'Projekt',
  navStatistics: 'Statistik',
  navOpenData: 'Öppna data',
  navAccessibility: 'Tillgänglighet',
  langSwitch: 'In English',
  langSwitchLabel: 'Byt språk till engelska',
  catalogueTitle: 'Sök bland projekten',
  catalogueIntro: 'Sök på projektnamn, förkortning, partner, program eller ord i beskrivningen.',
  searchLabel: 'Sökord',
  searchButton: 'Sök',
  filtersHeading: 'Avgränsa',
  filterButton: 'Visa träffar',
  clearFilters: 'Rensa alla val',
  sortLabel: 'Sortera efter',
  sortRelevance: 'Relevans',
  sortName: 'Namn (A–Ö)',
  sortStart: 'Startdatum (senaste först)',
  sortEnd: 'Slutdatum (senaste först)',
  sortUpdated: 'Senast ändrad',
  resultsHeading: 'Träffar',
  resultsCount: '{n} projekt',
  resultsCountMore: 'Fler än {n} projekt',
  noResults: 'Inga projekt matchar sökningen. Pröva färre eller andra ord, eller rensa valen.',
  pagination: 'Sidor',
  previous: 'Föregående',
  next: 'Nästa',
  pageOf: 'Sida {page} av {pages}',
  download: 'Ladda ner träffarna',
  downloadCsv: 'CSV',
  downloadXlsx: 'Excel (XLSX)',
  downloadJson: 'JSON',
  facet_organisation: 'Organisation',
  facet_unit: 'Förvaltning',
  facet_theme: 'Tema',
  facet_family: 'Programfamilj',
  facet_programme: 'Program',
  facet_status: 'Status',
  facet_role: 'Roll',
  facet_year: 'År',
  facet_country: 'Partnerland',
  facet_participant: 'Deltagare',
  facet_tenant: 'Organisation',
  status_ongoing: 'Pågående',
  status_completed: 'Avslutat',
  role_lead: 'Projektägare',
  role_partner: 'Partner',
  field_name: 'Namn',
  field_acronym: 'Förkortning',
  field_organisation: 'Organisation',
  field_unit: 'Förvaltning',
  field_theme: 'Tema',
  field_role: 'Roll',
  field_status: 'Status',
  field_period: 'Period',
  field_start: 'Start',
  field_end: 'Slut',
  field_programme: 'Program',
  field_programmeRaw: 'Program enligt källan',
  field_totalBudget: 'Total budget',
  field_euContribution: 'EU-finansiering',
  field_paidInYear: 'Utbetalt under året',
  field_leadPartner: 'Huvudpartner',
  field_website: 'Webbplats',
  field_goals: 'Mål',
  field_areas: 'Områden',
  field_summary: 'Beskrivning',
  field_source: 'Källa',
  factsHeading: 'Uppgifter om projektet',
  provenance: 'Varifrån?',
  provenancePage: 'från sida {page} i {doc}',
  provenanceLine: 'från rad {line} i {doc}',
  provenanceNone: 'inmatat i registret',
  participationsHeading: 'Deltagare',
  colOrganisation: 'Organisation',
  colCountry: 'Land',
  colRole: 'Roll',
  colBudget: 'Egen budget',
  colEu: 'EU-medfinansiering',
  colPayments: 'Utbetalningar per år',
  colProjects: 'Projekt',
  colYear: 'År',
  colValue: 'Antal',
  colAmount: 'Belopp',
  partnersHeading: 'Partner per land',
  partnersChart: 'Antal partner per land',
  eventsHeading: 'Evenemang',
  eventParticipants: 'Deltagare per land',
  issuesHeading: 'Datakvalitet (syns bara för redaktörer)',
  backToSearch: 'Tillbaka till sökningen',
  orgTitle: 'Organisation',
  orgProjects: 'Projekt där organisationen deltar',
  orgByProgramme: 'Projekt per program',
  orgByYear: 'Pågående projekt per år',
  orgRoles: 'Roller',
  statsTitle: 'Statistik',
  statsIntro: 'Projekt och EU-finansiering i katalogen. Varje diagram har en tabell och kan laddas ner.',
  statsByFamily: 'Projekt per programfamilj',
  statsFundingByFamily: 'EU-finansiering per programfamilj',
  statsByYear: 'Pågående projekt per år',
  statsByCountry: 'Projekt per partnerland',
  showTable: 'Visa som tabell',
  downloadChart: 'Ladda ner data (CSV)',
  unknown: 'Okänt',
  none: 'Saknas',
  openData: 'Öppna data',
  openDataIntro: 'Hela katalogen som öppna data, fritt att använda (CC0).',
  dcatRdf: 'Beskrivning enligt DCAT-AP-SE (RDF/XML)',
  dcatJsonLd: 'Beskrivning enligt DCAT-AP-SE (JSON-LD)',
  apiDoc: 'API-beskrivning (OpenAPI)',
  a11yTitle: 'Tillgänglighetsredogörelse',
  footerText: 'Projektatlas – öppet register över EU-finansierade och internationella projekt.',
  notFound: 'Sidan finns inte',
} as const

type Key = keyof typeof sv

const en: Record<Key, string> = {
  site: 'Projektatlas',
  tagline: 'EU-funded and international projects',
  skip: 'Skip to content',
  nav: 'Main menu',
  navCatalogue: 'Projects',
  navStatistics: 'Statistics',
  navOpenData: 'Open data',
  navAccessibility: 'Accessibility',
  langSwitch: 'På svenska',
  langSwitchLabel: 'Switch language to Swedish',
  catalogueTitle: 'Search the projects',
  catalogueIntro: 'Search by project name, acronym, partner, programme or words in the description.',
  searchLabel: 'Search words',
  searchButton: 'Search',
  filtersHeading: 'Narrow down',
  filterButton: 'Show results',
  clearFilters: 'Clear all choices',
  sortLabel: 'Sort by',
  sortRelevance: 'Relevance',
  sortName: 'Name (A–Z)',
  sortStart: 'Start date (latest first)',
  sortEnd: 'End date (latest first)',
  sortUpdated: 'Last changed',
  resultsHeading: 'Results',
  resultsCount: '{n} projects',
  resultsCountMore: 'More than {n} projects',
  noResults: 'No project matches. Try fewer or other words, or clear the choices.',
  pagination: 'Pages',
  previous: 'Previous',
  next: 'Next',
  pageOf: 'Page {page} of {pages}',
  download: 'Download the results',
  downloadCsv: 'CSV',
  downloadXlsx: 'Excel (XLSX)',
  downloadJson: 'JSON',
  facet_organisation: 'Organisation',
  facet_unit: 'Department',
  facet_theme: 'Theme',
  facet_family: 'Programme family',
  facet_programme: 'Programme',
  facet_status: 'Status',
  facet_role: 'Role',
  facet_year: 'Year',
  facet_country: 'Partner country',
  facet_participant: 'Participant',
  facet_tenant: 'Organisation',
  status_ongoing: 'Ongoing',
  status_completed: 'Completed',
  role_lead: 'Lead partner',
  role_partner: 'Partner',
  field_name: 'Name',
  field_acronym: 'Acronym',
  field_organisation: 'Organisation',
  field_unit: 'Department',
  field_theme: 'Theme',
  field_role: 'Role',
  field_status: 'Status',
  field_period: 'Period',
  field_start: 'Start',
  field_end: 'End',
  field_programme: 'Programme',
  field_programmeRaw: 'Programme as written',
  field_totalBudget: 'Total budget',
  field_euContribution: 'EU funding',
  field_paidInYear: 'Paid during the year',
  field_leadPartner: 'Lead partner',
  field_website: 'Website',
  field_goals: 'Goals',
  field_areas: 'Areas',
  field_summary: 'Description',
  field_source: 'Source',
  factsHeading: 'About the project',
  provenance: 'Where from?',
  provenancePage: 'from page {page} of {doc}',
  provenanceLine: 'from line {line} of {doc}',
  provenanceNone: 'entered in the registry',
  participationsHeading: 'Participants',
  colOrganisation: 'Organisation',
  colCountry: 'Country',
  colRole: 'Role',
  colBudget: 'Own budget',
  colEu: 'EU co-financing',
  colPayments: 'Payments per year',
  colProjects: 'Projects',
  colYear: 'Year',
  colValue: 'Number',
  colAmount: 'Amount',
  partnersHeading: 'Partners by country',
  partnersChart: 'Number of partners per country',
  eventsHeading: 'Events',
  eventParticipants: 'Participants per country',
  issuesHeading: 'Data quality (shown to editors only)',
  backToSearch: 'Back to the search',
  orgTitle: 'Organisation',
  orgProjects: 'Projects the organisation takes part in',
  orgByProgramme: 'Projects per programme',
  orgByYear: 'Running projects per year',
  orgRoles: 'Roles',
  statsTitle: 'Statistics',
  statsIntro: 'Projects and EU funding in the catalogue. Every chart has a table and a download.',
  statsByFamily: 'Projects per programme family',
  statsFundingByFamily: 'EU funding per programme family',
  statsByYear: 'Running projects per year',
  statsByCountry: 'Projects per partner country',
  showTable: 'Show as a table',
  downloadChart: 'Download the data (CSV)',
  unknown: 'Unknown',
  none: 'Not stated',
  openData: 'Open data',
  openDataIntro: 'The whole catalogue as open data, free to reuse (CC0).',
  dcatRdf: 'DCAT-AP-SE description (RDF/XML)',
  dcatJsonLd: 'DCAT-AP-SE description (JSON-LD)',
  apiDoc: 'API description (OpenAPI)',
  a11yTitle: 'Accessibility statement',
  footerText: 'Projektatlas – an open register of EU-funded and international projects.',
  notFound: 'Page not found',
}

const CATALOGUE: Record<Lang, Record<Key, string>> = { sv, en }

/** A message key. */
export type MessageKey = Key

/**
 * The message for `key` in `lang`, with `{name}` placeholders filled in (values are plain text; the
 * views escape them like any other text).
 */
export function t(lang: Lang, key: Key, vars: Readonly<Record<string, string | number>> = {}): string {
  return CATALOGUE[lang][key].replace(/\{(\w+)\}/g, (m, name: string) => {
    const v = vars[name]
    return v === undefined ? m : String(v)
  })
}

/** The message for a dynamic key (a facet or a status value) or `fallback` when there is none. */
export function tMaybe(lang: Lang, key: string, fallback: string): string {
  const table: Record<string, string> = CATALOGUE[lang]
  return table[key] ?? fallback
}

/** The language asked for by `?lang=`; Swedish unless English is asked for. */
export function langOf(value: unknown): Lang {
  return value === 'en' ? 'en' : 'sv'
}

const LOCALE: Record<Lang, string> = { sv: 'sv-SE', en: 'en-GB' }

// Made once per language: building an Intl.NumberFormat costs far more than formatting with one,
// and a project page formats dozens of amounts.
const numberFormats = new Map<Lang, Intl.NumberFormat>()

/** A whole number in the language's format ("1 971 565" in Swedish, "1,971,565" in English). */
export function formatNumber(lang: Lang, n: number): string {
  let format = numberFormats.get(lang)
  if (!format) {
    format = new Intl.NumberFormat(LOCALE[lang], { maximumFractionDigits: 0 })
    numberFormats.set(lang, format)
  }
  return format.format(n)
}

/** An amount with its currency: "1 971 565 kr", "2 600 000 EUR" (Swedish), "SEK 1,971,565" (English). */
export function formatMoney(lang: Lang, amount: number, currency: string): string {
  const n = formatNumber(lang, amount)
  if (lang === 'sv') {
    return currency === 'SEK' ? `${n} kr` : `${n} ${currency}`
  }
  return `${currency} ${n}`
}

/** A (partial) ISO date as written: "2026-01-31", "2015-09", "2015" (the same in both languages). */
export function formatDate(date: string | null): string {
  return date ?? ''
}

const regionNames: Record<Lang, Intl.DisplayNames> = {
  sv: new Intl.DisplayNames(['sv'], { type: 'region' }),
  en: new Intl.DisplayNames(['en'], { type: 'region' }),
}

/** A country's name from its ISO 3166-1 alpha-2 code ("DK" → "Danmark"), the code itself if unknown. */
export function countryName(lang: Lang, code: string | null): string {
  if (!code) {
    return t(lang, 'unknown')
  }
  try {
    return regionNames[lang].of(code) ?? code
  } catch {
    return code
  }
}
