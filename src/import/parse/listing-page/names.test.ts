import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { nameFromFirstSentence, nameFromProse, nameFromTopic, splitTitle } from './names.js'

describe('splitTitle', () => {
  const cases: readonly [string, string, string | null][] = [
    [
      'GREAT – Green Region with Alternative fuels for Transport',
      'Green Region with Alternative fuels for Transport',
      'GREAT',
    ],
    ['SB Nudging - Nudging in the South Baltic Region', 'Nudging in the South Baltic Region', 'SB Nudging'],
    ['Sammansatt problematik i Kronobergs län - SPIK', 'Sammansatt problematik i Kronobergs län', 'SPIK'],
    ['Lighting Metropolis - Green Economy', 'Lighting Metropolis - Green Economy', null],
    ['Fasetten – förebygga ungdomsarbetslöshet', 'Fasetten – förebygga ungdomsarbetslöshet', null],
    ['S34Growth - Interreg Europe', 'S34Growth', null],
    ['Fiber till alla i Blekinge och Skåne (FABS)', 'Fiber till alla i Blekinge och Skåne', 'FABS'],
    ['Leader Linné Småland (Leader-verksamhet år 2014-2023)', 'Leader Linné Småland', null],
    [
      'Borgmästaravtalet för klimat och energi (Covenant of Mayors)',
      'Borgmästaravtalet för klimat och energi (Covenant of Mayors)',
      null,
    ],
    ['ReproUnion', 'ReproUnion', null],
    ['GreenPorts – Green Ports for Small Cities', 'Green Ports for Small Cities', 'GreenPorts'],
    ['ReBuild – Resilient Buildings in the North', 'Resilient Buildings in the North', 'ReBuild'],
  ]
  for (const [title, name, acronym] of cases) {
    it(`reads ${JSON.stringify(title)}`, () => {
      const r = splitTitle(title)
      assert.deepEqual([r.name, r.acronym], [name, acronym])
    })
  }
  it('says when a programme was appended to the title', () => {
    assert.deepEqual(splitTitle('S34Growth - Interreg Europe').issues, [
      "programme appended to the title ('S34Growth - Interreg Europe')",
    ])
  })
})

describe('nameFromProse', () => {
  const cases: readonly [string, string | null, string | null][] = [
    [
      'ELAINE was an EU-project, funded by the Europe for Citizens programme that brought together five …',
      'ELAINE',
      null,
    ],
    [
      'Hässleholm för mångfald var ett kommunövergripande projekt som syftade till att utbilda …',
      'Hässleholm för mångfald',
      null,
    ],
    [
      'InfoPoints syftade till bättre tillgänglighet och service till besökare i Hässleholms kommun.',
      'InfoPoints',
      null,
    ],
    ['TUGRAPP var ett INTERREG Öresundsprojekt drivet av Køge kommune.', 'TUGRAPP', null],
    [
      'South Baltic Public Innovators Network (SBPIN) aims to:',
      'South Baltic Public Innovators Network',
      'SBPIN',
    ],
    [
      'Projektet ”SB Nudging - Nudging in the South Baltic Region” undersökte vilka förutsättningar …',
      'Nudging in the South Baltic Region',
      'SB Nudging',
    ],
    [
      'The conference in Vejle was the 4th international conference in the ELAINE 2 project, funded by …',
      'ELAINE 2',
      null,
    ],
    ['Förstudien syftade till att kartlägga vilka kompetensförsörjningsbehov företagen har.', null, null],
    ['Hässleholms kommun beviljades projektmedel på drygt 980 000 kronor.', null, null],
  ]
  for (const [text, name, acronym] of cases) {
    it(`reads ${JSON.stringify(text.slice(0, 50))}`, () => {
      const r = nameFromProse([text], 'Hässleholms kommun')
      assert.deepEqual(r === null ? null : [r.name, r.acronym], name === null ? null : [name, acronym])
    })
  }
})

describe('nameFromTopic and nameFromFirstSentence', () => {
  const cases: readonly [string, string | null][] = [
    [
      'Projektets syfte var att stärka och utveckla förutsättningarna för Hässleholms centrum som handels- och mötesplats. En attraktiv …',
      'Hässleholms centrum som handels- och mötesplats',
    ],
    [
      'Förstudien undersökte hur Hässleholm kan utvecklas som infrastrukturell nod. Fokus var …',
      'Förstudie Hässleholm som infrastrukturell nod',
    ],
    [
      'Hässleholms kommun blev beviljade ekonomiskt stöd för ett projekt som syftade till att etablera en entreprenörsmiljö på Norra Station. Miljön …',
      'Entreprenörsmiljö på Norra Station',
    ],
    ['Det huvudsakliga målet med förstudien var att den ska kunna frambringa ett underlag.', null],
  ]
  for (const [text, name] of cases) {
    it(`reads ${JSON.stringify(text.slice(0, 50))}`, () => {
      assert.equal(nameFromTopic(text), name)
    })
  }
  it('shortens a long first sentence at a word', () => {
    const n = nameFromFirstSentence(
      'Det huvudsakliga målet med förstudien var att den ska kunna frambringa ett underlag som ska kunna ligga till grund för ett projekt.',
    )
    assert.ok(n.length <= 92 && n.endsWith(' …'))
  })
})
