import { createHash } from 'node:crypto'
import { ImportFormatError } from '../../shared/errors.js'
import type { SourceDocument, SourceLine } from '../source-document.js'

/**
 * HTML in, text lines out, in the shapes a scraped text page has so one reader serves both:
 * headings and paragraphs are lines of their own with a blank line after them, list items start
 * with "• " and are indented one space per list level (what they hold is indented one more),
 * table rows become lines ("Projektperiod: 2015–2019" for a two-cell row), and scripts, styles and
 * navigation are dropped. Only the page's main content is read when it marks one.
 */

// Elements whose text is never page content.
// Elements whose text is never page content: the page frame (banner, footer with the body's
// address and switchboard number) would otherwise end up in the last project's block.
const DROPPED = [
  'script, style, noscript, template, svg, iframe, object, canvas',
  'nav, [role="navigation"], [role="banner"], [role="contentinfo"], [role="search"], [aria-hidden="true"]',
  'body > header, body > footer, button, select, input, textarea',
].join(', ')

const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6'])
const LISTS = new Set(['ul', 'ol', 'menu'])
const BLOCKS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'details',
  'dialog',
  'dd',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'header',
  'hgroup',
  'hr',
  'li',
  'main',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'td',
  'th',
  'caption',
  ...HEADINGS,
  ...LISTS,
])

/** Collects lines: an inline buffer, flushed at block boundaries with the current indentation. */
class LineWriter {
  readonly out: string[] = []
  private buffer = ''

  add(text: string): void {
    this.buffer += text
  }

  flush(indent: number, bullet = false): void {
    const text = this.buffer.replace(/\s+/g, ' ').trim()
    this.buffer = ''
    if (text !== '') {
      this.out.push(`${' '.repeat(indent)}${bullet ? '• ' : ''}${text}`)
    }
  }

  blank(): void {
    if (this.out.length > 0 && this.out[this.out.length - 1] !== '') {
      this.out.push('')
    }
  }
}

/**
 * The part of a parsed node (domhandler's, which cheerio walks) that the extractor reads; typed
 * structurally so the extractor depends on cheerio alone.
 */
interface AnyNode {
  readonly type: string
  readonly data?: string
  readonly name?: string
  readonly children?: readonly AnyNode[]
}

interface Element extends AnyNode {
  readonly name: string
  readonly children: readonly AnyNode[]
}

function isElement(node: AnyNode): node is Element {
  return (
    (node.type === 'tag' || node.type === 'script' || node.type === 'style') && typeof node.name === 'string'
  )
}

function tagOf(node: AnyNode): string {
  return isElement(node) ? node.name.toLowerCase() : ''
}

/** The text of an element and its descendants, inline, with white space squashed. */
function inlineText(node: AnyNode): string {
  // iterative, so a page nested thousands of levels deep cannot exhaust the stack
  const out: string[] = []
  const stack: AnyNode[] = [node]
  for (let n = stack.pop(); n !== undefined; n = stack.pop()) {
    if (n.type === 'text') {
      out.push(n.data ?? '')
      continue
    }
    if (!isElement(n)) {
      continue
    }
    if (n.name.toLowerCase() === 'br') {
      out.push(' ')
      continue
    }
    for (let i = n.children.length - 1; i >= 0; i--) {
      const child = n.children[i]
      if (child) {
        stack.push(child)
      }
    }
  }
  return out.join('')
}

/** Nesting beyond this depth is read as plain text (real pages stay far below it). */
const MAX_DEPTH = 200

function walk(node: AnyNode, w: LineWriter, indent: number, listDepth: number, depth = 0): void {
  if (depth > MAX_DEPTH) {
    w.add(inlineText(node))
    return
  }
  if (node.type === 'text') {
    w.add(node.data ?? '')
    return
  }
  if (node.type === 'root') {
    for (const child of node.children ?? []) {
      walk(child, w, indent, listDepth, depth + 1)
    }
    return
  }
  if (!isElement(node)) {
    return
  }
  const tag = tagOf(node)
  if (tag === 'br') {
    w.flush(indent)
    return
  }
  if (!BLOCKS.has(tag)) {
    for (const child of node.children) {
      walk(child, w, indent, listDepth, depth + 1)
    }
    return
  }
  w.flush(indent)
  // an accordion's summary is its item's heading
  if (HEADINGS.has(tag) || tag === 'summary') {
    w.blank()
    w.add(inlineText(node))
    w.flush(indent)
    w.blank()
    return
  }
  if (LISTS.has(tag)) {
    for (const child of node.children) {
      if (tagOf(child) === 'li') {
        walkItem(child, w, listDepth + 1, depth + 1)
      } else {
        walk(child, w, indent, listDepth, depth + 1)
      }
    }
    return
  }
  if (tag === 'li') {
    walkItem(node, w, listDepth + 1, depth + 1)
    return
  }
  if (tag === 'tr') {
    writeRow(node, w, indent)
    return
  }
  if (tag === 'dl') {
    writeDefinitions(node, w, indent)
    return
  }
  for (const child of node.children) {
    walk(child, w, indent, listDepth, depth + 1)
  }
  w.flush(indent)
  if (tag === 'p' || tag === 'table' || tag === 'blockquote' || tag === 'pre' || tag === 'figure') {
    w.blank()
  }
}

/**
 * A list item: its own words (text before its first block, or its leading heading — accordions put
 * the project's title in one) make the bullet line; what it holds follows one level deeper.
 */
function walkItem(li: AnyNode, w: LineWriter, level: number, depth: number): void {
  if (!isElement(li)) {
    return
  }
  const children = li.children
  let k = 0
  for (; k < children.length; k++) {
    const child = children[k]
    if (!child) {
      continue
    }
    const tag = tagOf(child)
    if (BLOCKS.has(tag) && !HEADINGS.has(tag) && tag !== 'summary') {
      break
    }
    w.add(HEADINGS.has(tag) || tag === 'summary' ? ` ${inlineText(child)} ` : inlineText(child))
    if (HEADINGS.has(tag) || tag === 'summary') {
      k++
      break
    }
  }
  w.flush(level, true)
  const rest = children.slice(k)
  if (rest.length === 0) {
    return
  }
  for (const child of rest) {
    walk(child, w, level + 1, level, depth + 1)
  }
  w.flush(level + 1)
}

function writeRow(tr: Element, w: LineWriter, indent: number): void {
  const cells = tr.children
    .filter((c) => tagOf(c) === 'td' || tagOf(c) === 'th')
    .map((c) => inlineText(c).replace(/\s+/g, ' ').trim())
  const filled = cells.filter((c) => c !== '')
  const [head, value] = filled
  if (filled.length === 2 && head !== undefined && value !== undefined && head.length <= 40) {
    // a two-cell row is a label and its value, as a text page writes it
    w.add(`${head.replace(/[:\s]+$/, '')}: ${value}`)
  } else {
    w.add(filled.join(' | '))
  }
  w.flush(indent)
}

function writeDefinitions(dl: Element, w: LineWriter, indent: number): void {
  let term: string | null = null
  for (const child of dl.children) {
    const tag = tagOf(child)
    const text = inlineText(child).replace(/\s+/g, ' ').trim()
    if (tag === 'dt') {
      term = text.replace(/[:\s]+$/, '')
    } else if (tag === 'dd') {
      w.add(term !== null ? `${term}: ${text}` : text)
      w.flush(indent)
      term = null
    }
  }
  w.blank()
}

/**
 * Extracts the text lines of an HTML page.
 * @param html the page's markup, decoded
 * @param name the file's name, for errors
 * @throws {ImportFormatError} when the markup holds no text
 */
export async function extractHtmlLines(html: string, name: string): Promise<SourceLine[]> {
  const { load } = await import('cheerio')
  const $ = load(html)
  $(DROPPED).remove()
  // The main content: <main>, else the only <article> (pages that list each project as an
  // article of its own are read whole), else the body.
  const main = $('main, [role="main"]').first()
  const articles = $('article')
  const body = $('body')
  // cheerio's nodes are domhandler's, which AnyNode describes structurally
  const nodes = (c: { toArray(): unknown[] }): AnyNode[] => c.toArray() as AnyNode[]
  const roots =
    main.length > 0
      ? nodes(main)
      : articles.length === 1
        ? nodes(articles)
        : body.length > 0
          ? nodes(body)
          : nodes($.root())
  const w = new LineWriter()
  for (const node of roots) {
    walk(node, w, 0, 0)
  }
  w.flush(0)
  while (w.out.length > 0 && w.out[w.out.length - 1] === '') {
    w.out.pop()
  }
  if (!w.out.some((l) => l.trim() !== '')) {
    throw new ImportFormatError(name, 'the HTML page holds no text')
  }
  return w.out.map((text, i) => ({ text, line: i + 1, page: null }))
}

/**
 * Extracts an HTML page into a SourceDocument whose lines have the shapes of a scraped text page.
 * @param html the page's markup, decoded
 * @param name the file's base name, as records cite it
 * @throws {ImportFormatError} when the markup holds no text
 * @example const doc = await extractHtml('<h2>Pågående projekt</h2><h3>POTEnT</h3><p>…</p>', 'projekt.html')
 */
export async function extractHtml(html: string, name: string): Promise<SourceDocument> {
  const lines = await extractHtmlLines(html, name)
  return {
    name,
    mediaType: 'text/html',
    sha256: createHash('sha256').update(html).digest('hex'),
    bytes: Buffer.byteLength(html),
    lines,
  }
}
