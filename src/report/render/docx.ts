import type { ReportModel } from '../model/report-model.js'
import {
  formatCount,
  formatMoney,
  keyFigures,
  periodText,
  reportTitle,
  roleText,
  STATUS_TEXT,
  summarySentence,
} from './format.js'

type DocxModule = typeof import('docx')
type Block = InstanceType<DocxModule['Paragraph']> | InstanceType<DocxModule['Table']>

/**
 * The report as a Word document (the city office edits it further): real headings (navigation
 * pane, accessibility checker), tables with repeating header rows, Swedish as document language,
 * and the title in the document properties.
 */
export async function renderDocx(model: ReportModel): Promise<Buffer> {
  const d = await import('docx')
  const { ChartRun } = await import('docx/charts')
  const {
    Document,
    HeadingLevel,
    Packer,
    Paragraph,
    Table,
    TableCell,
    TableRow,
    TextRun,
    WidthType,
    AlignmentType,
  } = d
  const title = reportTitle(model)

  const heading = (text: string, level: 1 | 2 | 3 | 4) =>
    new Paragraph({
      text,
      heading: [
        HeadingLevel.HEADING_1,
        HeadingLevel.HEADING_2,
        HeadingLevel.HEADING_3,
        HeadingLevel.HEADING_4,
      ][level - 1],
    })
  const para = (text: string) => new Paragraph({ children: [new TextRun(text)] })
  const paragraphs = (text: string | null): Block[] =>
    (text ?? '')
      .split(/\n\s*\n/)
      .map((p) => p.trim())
      .filter((p) => p !== '')
      .map(para)
  const cell = (text: string, opts: { header?: boolean; num?: boolean } = {}) =>
    new TableCell({
      children: [
        new Paragraph({
          alignment: opts.num ? AlignmentType.RIGHT : AlignmentType.LEFT,
          children: [new TextRun({ text, bold: opts.header ?? false })],
        }),
      ],
    })
  /** A table whose first row repeats on each page; `num` marks right-aligned columns. */
  const table = (
    head: readonly string[],
    rows: readonly (readonly string[])[],
    num: readonly boolean[] = [],
  ) =>
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: [
        new TableRow({
          tableHeader: true,
          children: head.map((h, i) => cell(h, { header: true, num: num[i] ?? false })),
        }),
        ...rows.map(
          (r) =>
            new TableRow({ cantSplit: true, children: r.map((c, i) => cell(c, { num: num[i] ?? false })) }),
        ),
      ],
    })

  /** A native Word bar chart (editable in Word), described for screen readers; the table beside it has the numbers. */
  const chart = (title: string, bars: readonly { label: string; kronor: number }[]) =>
    new Paragraph({
      children: [
        new ChartRun({
          type: 'bar',
          title,
          legend: false,
          categories: bars.map((b) => b.label).reverse(),
          series: [{ name: 'Utbetalt (kr)', values: bars.map((b) => b.kronor).reverse() }],
          dataLabels: { value: true, numberFormat: '#,##0' },
          transformation: { width: 600, height: Math.max(160, 34 * bars.length + 60) },
          altText: {
            name: title,
            description: bars.map((b) => `${b.label}: ${formatCount(b.kronor)} kr`).join('; '),
          },
        }),
      ],
    })
  const kronor = (minor: number) => Math.round(minor / 100)

  const body: Block[] = [
    new Paragraph({ text: title, heading: HeadingLevel.TITLE }),
    heading('Sammanfattning', 1),
    para(summarySentence(model)),
    table(['Uppgift', 'Värde'], keyFigures(model), [false, true]),
    heading('Projekt och utbetalningar per nämnd', 1),
    para(
      'Varje nämnds siffror är summan av nämndens egna blanketter. Ett projekt som flera nämnder deltar i räknas hos var och en av dem, men bara en gång i totalen.',
    ),
    table(
      ['Nämnd', 'Blanketter', 'Projekt', 'Varav EU-projekt', 'Utbetalt'],
      model.units.map((u) => [
        u.unit,
        formatCount(u.participations),
        formatCount(u.projects),
        formatCount(u.euProjects),
        formatMoney(u.paid),
      ]),
      [false, true, true, true, true],
    ),
    chart(
      `Utbetalt per nämnd ${model.year}`,
      model.units.map((u) => ({ label: u.unit, kronor: kronor(u.paid.amountMinor) })),
    ),
    heading('Utbetalningar per programfamilj', 1),
    table(
      ['Programfamilj', 'EU-finansiering', 'Projekt', 'Utbetalt'],
      model.byProgrammeFamily.map((f) => [
        f.family,
        f.isEu ? 'Ja' : 'Nej',
        formatCount(f.projects),
        formatMoney(f.paid),
      ]),
      [false, false, true, true],
    ),
    chart(
      `Utbetalt per programfamilj ${model.year}`,
      model.byProgrammeFamily.map((f) => ({ label: f.family, kronor: kronor(f.paid.amountMinor) })),
    ),
    heading('Projekt per mål', 1),
    table(
      ['Mål', 'Projekt'],
      model.byGoal.map((g) => [g.goal, formatCount(g.projects)]),
      [false, true],
    ),
  ]
  if (model.reconciliation.length > 0) {
    body.push(
      heading('Avstämning mot den tryckta redovisningen', 1),
      table(
        ['Siffra', 'Tryckt', 'Beräknad', 'Skillnad', 'Status', 'Förklaring'],
        model.reconciliation.map((r) => [
          r.figure,
          formatCount(r.printed),
          r.computed === null ? '–' : formatCount(r.computed),
          r.difference === null ? '–' : formatCount(r.difference),
          STATUS_TEXT[r.status],
          r.explanation,
        ]),
        [false, true, true, true, false, false],
      ),
    )
  }
  body.push(heading('Del 1: Nämndernas internationella arbete', 1))
  for (const n of model.narratives) {
    body.push(heading(n.unit, 2))
    for (const a of n.answers) {
      body.push(heading(a.question, 3), ...paragraphs(a.answer))
    }
  }
  body.push(heading('Del 2: EU-finansierade och internationella projekt', 1))
  for (const f of model.forms) {
    body.push(
      heading(`${f.project.name} (${f.participation.unit})`, 2),
      table(
        ['Fråga', 'Svar'],
        [
          ['Nämnd', f.participation.unit],
          ['Roll', roleText(f.participation.role)],
          [
            'Program',
            `${f.project.programme ?? 'Uppgift saknas'}${f.project.isEu ? '' : ' (ej EU-finansiering)'}`,
          ],
          ['Projektperiod', periodText(f.project.start, f.project.end)],
          ['Projektets totala budget', formatMoney(f.project.totalBudget)],
          ['Nämndens budget', formatMoney(f.participation.budget)],
          [`Utbetalt ${model.year}`, formatMoney(f.participation.paid)],
          ['Mål', f.goals.length === 0 ? 'Uppgift saknas' : f.goals.join('; ')],
          ...(f.alsoReportedBy.length > 0 ? [['Rapporteras även av', f.alsoReportedBy.join(', ')]] : []),
        ],
      ),
    )
    const description = f.participation.description ?? f.project.summary
    if (description) {
      body.push(heading('Beskrivning', 3), ...paragraphs(description))
    }
  }

  const doc = new Document({
    title,
    subject: `Internationell redovisning ${model.year}`,
    creator: 'Projektatlas',
    styles: { default: { document: { run: { language: { value: 'sv-SE' }, font: 'Calibri', size: 22 } } } },
    sections: [{ children: body }],
  })
  return Packer.toBuffer(doc)
}
