import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { SourceDocument } from '../../source-document.js'

/** Builds a text SourceDocument from a string, numbering lines from 1 as a text file does. */
export function textDocument(name: string, text: string): SourceDocument {
  const lines = text.split('\n')
  if (lines[lines.length - 1] === '') {
    lines.pop()
  }
  return {
    name,
    mediaType: 'text/plain',
    sha256: '',
    bytes: Buffer.byteLength(text),
    lines: lines.map((t, i) => ({ text: t, line: i + 1, page: null })),
  }
}

/** ../shared beside the repository (as CI lays it out), or null when it is absent. */
export function sharedDir(): string | null {
  const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..')
  const dir = resolve(repo, '../shared')
  return existsSync(join(dir, 'seeds')) ? dir : null
}

/** A seed document from ../shared/seeds as a SourceDocument. */
export function seedDocument(shared: string, file: string): SourceDocument {
  return textDocument(file, readFileSync(join(shared, 'seeds', file), 'utf8'))
}
