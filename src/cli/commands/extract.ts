import { relative, resolve } from 'node:path'
import { loadConfig } from '../../config/config.js'
import { extractRecords } from '../../import/extract-records.js'
import type { ProjectRecord } from '../../registry/project-record.js'
import type { CliIO } from '../io.js'

/** Options of `projektatlas extract`. */
export interface ExtractOptions {
  /** json: one array of every record; jsonl: one record per line (default json) */
  readonly format: 'json' | 'jsonl'
}

/**
 * `projektatlas extract FILE...`: reads documents and prints their project records to stdout in
 * the interchange format; nothing is stored. Each document that cannot be read gets one line on
 * stderr ("extract: FILE: reason") while the others are still read.
 * @returns 0 when every document was read, 1 when any failed
 * @throws {ConfigError} when the environment's configuration is unusable
 */
export async function extract(files: string[], options: ExtractOptions, io: CliIO): Promise<number> {
  const config = loadConfig(io.env, io.cwd)
  const outcomes = await extractRecords(
    files.map((f) => resolve(io.cwd, f)),
    { config },
  )
  const records: ProjectRecord[] = []
  let failed = 0
  for (const o of outcomes) {
    if (o.status === 'failed') {
      failed++
      io.err(`extract: ${relative(io.cwd, o.file) || o.file}: ${o.error}\n`)
      continue
    }
    records.push(...o.records)
  }
  if (options.format === 'jsonl') {
    io.out(records.map((r) => `${JSON.stringify(r)}\n`).join(''))
  } else {
    io.out(`${JSON.stringify(records, null, 2)}\n`)
  }
  return failed > 0 ? 1 : 0
}
