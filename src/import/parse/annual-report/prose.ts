import type { RecordPartner, Role } from '../../../registry/project-record.js'
import { fold } from '../../../shared/fold.js'
import { countryCode } from '../fields/countries.js'
import { findUrls } from '../fields/urls.js'

/** What a project's description says beyond the form's answers. */
export interface ProseFacts {
  readonly status: 'completed' | null
  readonly leadPartner: string | null
  readonly partners: RecordPartner[]
  readonly website: string | null
}

/** What the prose reader needs to know besides the text. */
export interface ProseContext {
  /** the reporting organisation ("Malmö stad"), never a partner of its own projects */
  readonly organisation: string | null
  /** the role the form states; only a project the organisation leads is "granted" to it */
  readonly role: Role | null
  /** the project's name and acronym, which the prose may use as the subject ("SALT genomförs av …") */
  readonly projectNames: readonly string[]
}

// Words that end the names of organisations Swedish reports mention in lower case in running
// text ("grundskoleförvaltningen", "stadskontoret").
const ORG_SUFFIX =
  /\p{L}{3}(förvaltningen|förvaltning|kontoret|skolan|skola|gymnasiet|gymnasium|högskolan|universitet|universitetet|institutet|kommun|myndigheten|kassan|styrelsen|akademin|folkhögskolan|folkhögskola|centrum|verket|vården|förmedlingen|nämnden|stiftelsen|föreningen)$/iu

// Words after which a name in a list stops: the rest of the clause is about it, not its name.
const CLAUSE_END =
  /\s+(genom|som|där|vilket|vilka|medan|bidrar|ansvarar|leder|har|hade|är|var|ska|kommer|i syfte|för att|med\s+\d)\b.*$/iu

// Collective nouns in front of a list's first name ("kommunerna Helsingborg, …", "forskningsinstitutet RISE").
const LEADING_COMMON = /^(\p{Ll}[\p{Ll}-]*\s+)+(?=\p{Lu})/u

/** Splits "A, B och C" into names; "hälsa-, vård- och omsorgsförvaltningen" stays one name. */
function splitList(text: string): string[] {
  return text
    .split(/(?<!-),\s+|(?<!-)\s+(?:och|samt|and)\s+|;\s*/u)
    .map((s) => s.trim())
    .filter((s) => s !== '')
}

function capitalise(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1)
}

/** Cleans one list item into an organisation's name, or null when it names none. */
function organisationName(item: string, ctx: ProseContext): string | null {
  let t = item
    .replace(/^[\s"”“'(:]+|[\s"”“'.,;:!?]+$/g, '')
    .replace(CLAUSE_END, '')
    .replace(LEADING_COMMON, '')
    .trim()
  t = t.replace(/^(också|även|dels|främst|bland annat|t\.ex\.)\s+/i, '').trim()
  if (t === '' || t.split(' ').length > 7 || /^\d/.test(t)) {
    return null
  }
  const proper = /^\p{Lu}/u.test(t)
  // In lower case only one compound names an organisation: "grundskoleförvaltningen", "hälsa-, vård-
  // och omsorgsförvaltningen"; "medarbetare på serviceförvaltningen" names people.
  const compound = !/\s/.test(t.replace(/-,?\s+(?:och\s+|eller\s+)?/g, '-'))
  if (!proper && !(ORG_SUFFIX.test(t) && compound)) {
    return null
  }
  if (countryCode(t) !== null || /^(projektet|projekten|malmöbor|deltagarna|eu|europa)$/i.test(t)) {
    return null
  }
  const own = ctx.organisation ? fold(ctx.organisation) : null
  if (own && (fold(t) === own || fold(t) === own.split(' ')[0])) {
    return null
  }
  return capitalise(t)
}

/**
 * The organisations a list names. A list mostly of common nouns ("förvaltningar, skolor,
 * fritidsgårdar, Kulturskolan och lokala föreningar") describes kinds of actors, not partners.
 */
function organisations(list: string, ctx: ProseContext): string[] {
  const items = splitList(list)
  const names = items.map((i) => organisationName(i, ctx)).filter((n): n is string => n !== null)
  return names.length * 2 >= items.length ? names : []
}

/** The last clause of a subject: "A är projektägare medan B" → "B". */
function lastClause(text: string): string {
  return text.split(/\b(?:där|medan|främst|samt att)\s+|:\s+/u).pop() ?? text
}

/** Drops what follows a lead's name: "stadskontoret genom HR-förvaltningen i samarbete med …". */
function headOnly(text: string): string {
  return text.split(/\s+(?:genom|i samarbete med|tillsammans med|i samverkan med|och där)\s+/u)[0] ?? text
}

// Words at least one of the phrases below needs; other sentences are not read further.
const CUES =
  /projektägare|koordinator|lead\s?partner|huvudman|drivs|leds|projektleds|koordineras|samordnas|genomförs|leder|ingår|partner|samverkan|samarbet|däribland|deltagande|dessa|beviljade|beviljats|ackrediterades/i

const SENTENCE_END = /(?<=[.!?])\s+(?=[\p{Lu}"”“])/u

/** Up to the end of the clause that holds a list: the next full stop, or a "samt med stöd av". */
function clause(text: string): string {
  return text.split(/(?<=\p{L}{2})[.!?](?:\s|$)|\s+samt\s+med\s+stöd\b|,\s+som\b|\s+där\s/u)[0] ?? text
}

/** The phrases that name a project's lead and partners in Swedish reports. */
function readSentence(s: string, ctx: ProseContext, add: (names: string[], lead?: boolean) => void): void {
  let m: RegExpExecArray | null
  // "X är projektägare", "STEM-UP, Region Skåne är projektägare", "X var projektägare och …"
  m =
    /^(?:.*?,\s+)?(.{2,80}?)\s+(?:är|var)\s+(?:projektägare|koordinator|lead\s?partner|huvudman\s+för\s+projektet)\b/iu.exec(
      s,
    )
  if (m?.[1]) {
    add(organisations(m[1], ctx).slice(-1), true)
  }
  // "Projektägare för projektet Starkare är Furuboda folkhögskola."
  m = /\bprojektägare\s+(?:för\s+projektet\s+.+?\s+)?är\s+(.+)$/iu.exec(s)
  if (m?.[1]) {
    add(organisations(clause(m[1]), ctx).slice(0, 1), true)
  }
  // "Projektet … drivs av grundskoleförvaltningen", "ESF-projektet …, som leds av …": the project
  // must be the subject, a few words before, so that "… klimatomställningen som leds av Lunds
  // kommun" is not taken for the project's lead.
  m =
    /\bprojekt\S*\s+((?:\S+\s+){0,12}?)(?:drivs|leds|projektleds|koordineras|samordnas|genomförs)\s+av\s+(.+)$/iu.exec(
      s,
    )
  if (m?.[2]) {
    const names = organisations(clause(headOnly(m[2])), ctx)
    add(names, names.length === 1)
  }
  // "SALT genomförs av Malmö stad, Livsmedelsakademin, IUC Syd …": the project named by its name
  for (const own of ctx.projectNames) {
    const at = s.indexOf(`${own} `)
    const after =
      at >= 0 ? /^\s*(?:drivs|leds|genomförs|koordineras)\s+av\s+(.+)$/u.exec(s.slice(at + own.length)) : null
    if (after?.[1]) {
      const names = organisations(clause(headOnly(after[1])), ctx)
      add(names, names.length === 1)
    }
  }
  // "Miljöförvaltningen leder och samordnar projektet"
  m = /^(.{2,60}?)\s+leder\s+(?:och\s+\p{L}+\s+)?projektet\b/u.exec(s)
  if (m?.[1] && ctx.role === 'lead') {
    add(organisations(m[1], ctx), true)
  }
  // "… och där kulturförvaltningen och fritidsförvaltningen ingår som samarbetspartners",
  // "X ingår som projektpartner tillsammans med Y", "medan X ingår som projektpartner"
  m =
    /(?:^|\bdär\s+|\bmedan\s+|\bfrämst\s+|:\s+)([^:]*?)\s+(?:som\s+)?ingår\s+som\s+(?:projekt|samarbets)?partners?\b(?:\s+tillsammans\s+med\s+(.+))?/iu.exec(
      s,
    )
  if (m?.[1]) {
    add(organisations(lastClause(m[1]), ctx))
    if (m[2]) {
      add(organisations(clause(m[2]), ctx))
    }
  }
  // "Grundskoleförvaltningen är partner i projektet tillsammans med: Portugal, …"
  m = /^(.{2,60}?)\s+är\s+(?:projekt)?partner\s+i\s+projektet\b(?:\s+tillsammans\s+med:?\s+(.+))?/u.exec(s)
  if (m?.[1]) {
    add(organisations(m[1], ctx))
    if (m[2]) {
      add(organisations(clause(m[2]), ctx))
    }
  }
  // "i samverkan mellan A, B och C", "ett nära samarbete mellan …", "i samarbete med …",
  // "däribland A och B", "som vi samarbetar med; A och B", "tillsammans med Rise som också är projektpartner"
  const lists =
    /\b(?:samverkan\s+mellan|samarbete\s+mellan|i\s+samarbete\s+med|däribland|samarbetar\s+med[;:])\s+(.+?)(?=$|[.!?](?:\s|$))/giu
  for (const l of s.matchAll(lists)) {
    if (l[1]) {
      add(organisations(clause(l[1]), ctx))
    }
  }
  m = /\btillsammans\s+med\s+(\S+(?:\s+\S+){0,3}?)\s+som\s+(?:också\s+)?är\s+(?:projekt)?partner/iu.exec(s)
  if (m?.[1]) {
    add(organisations(m[1], ctx))
  }
  // "Partner i projektet är MINC.", "Deltagande grundskolor … har under året varit: A, B, …",
  // "Dessa två skolor är A och B."
  m =
    /^(?:(?:övriga\s+)?(?:projekt)?partners?(?:\s+i\s+projektet)?|deltagande\s+\p{L}+(?:\s+\S+){0,4}?|dessa\s+\S+\s+\p{L}*(?:skolor|partners|parter|organisationer|aktörer))(?:\s+(?:är|var|har\s+(?:under\s+året\s+)?varit)\s*:?|\s*:)\s+(.+)$/iu.exec(
      s,
    )
  if (m?.[1]) {
    add(organisations(clause(m[1]), ctx))
  }
  // "Den andra projektpartnern Internationella Miljöinstitutet på Lunds universitet bidrar …"
  m = /\bprojektpartnern\s+(\p{Lu}.{2,70}?)\s+(?:bidrar|ansvarar|är|har|deltar)\b/u.exec(s)
  if (m?.[1]) {
    add(organisations(m[1], ctx))
  }
  if (ctx.role === 'lead') {
    // The organisation's own administration named as the one granted the funds.
    m =
      /^(\p{Lu}\S+)\s+(?:har\s+)?(?:beviljades|beviljats|ackrediterades)\b|\b(?:beviljades|ackrediterades)\s+(\S+?förvaltningen|\S+?kontoret)\b/u.exec(
        s,
      )
    const who = m?.[1] ?? m?.[2]
    if (who) {
      add(organisations(who, ctx), true)
    }
  }
}

/**
 * Reads the description's prose the way a careful reader would: who owns the project ("X är
 * projektägare", "drivs av X"), who takes part ("X ingår som projektpartner tillsammans med Y",
 * "i samverkan mellan A, B och C"), the web address it gives and whether it says the project has
 * ended ("avslutades 2025"). Countries and the reporting organisation itself are not partners.
 */
export function readProse(paragraphs: readonly string[], ctx: ProseContext): ProseFacts {
  const partners: string[] = []
  let lead: string | null = null
  const add = (names: string[], isLead = false) => {
    for (const n of names) {
      if (isLead && lead === null) {
        lead = n
      }
      if (!partners.some((p) => fold(p) === fold(n))) {
        partners.push(n)
      }
    }
  }
  for (const p of paragraphs) {
    for (const s of p.split(SENTENCE_END)) {
      if (CUES.test(s) || ctx.projectNames.some((n) => s.includes(`${n} `))) {
        readSentence(s.trim(), ctx, add)
      }
    }
  }
  // "IUC Syd" is "Industriellt utvecklingscentrum Syd (IUC Syd)" written short.
  const bracketed = new Set(partners.map((p) => /\(([^)]+)\)$/.exec(p)?.[1]).filter((x): x is string => !!x))
  const names = partners.filter((p) => !bracketed.has(p))
  if (lead !== null && !names.some((p) => fold(p) === fold(lead ?? ''))) {
    names.unshift(lead)
  }
  const text = paragraphs.join('\n')
  // Only an address written out (http…, www.) is the project's site; "malmo.se" in a sentence is not.
  const urls = /https?:\/\/|www\./i.test(text) ? findUrls(text) : []
  const website = urls.find((u) => /^(https?:\/\/|www\.)/i.test(u)) ?? null
  const completed = /\b(avslutades|varade|har avslutats|är avslutat)\b/i.test(text)
  return {
    status: completed ? 'completed' : null,
    leadPartner: lead,
    partners: names.map((name) => ({ name, country: null })),
    website,
  }
}
