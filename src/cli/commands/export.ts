import { createWriteStream } from 'node:fs'
import { mkdir, rename, rm } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import { finished } from 'node:stream/promises'
import { getPublication } from '../../accounts/publication.service.js'
import { listProjectRecords } from '../../registry/project-record.service.js'
import type { CliIO } from '../io.js'
import { pages, tenantScopes, withRegistry } from '../registry.js'
import { parseId } from './projects.js'

/** Options of `projektatlas export`. */
export interface ExportOptions {
  readonly format: 'json' | 'jsonl'
  /** write here instead of stdout; the file appears only when the export is complete */
  readonly out?: string
  /** only this tenant's portfolio (default: every tenant's) */
  readonly tenant?: string
}

/** Where export text goes: stdout, or a file written beside its final name and renamed at the end. */
interface Sink {
  write(text: string): Promise<void>
  commit(): Promise<void>
  abort(): Promise<void>
}

function stdoutSink(io: CliIO): Sink {
  return {
    write: async (text) => io.out(text),
    commit: async () => {},
    abort: async () => {},
  }
}

async function fileSink(path: string): Promise<Sink> {
  await mkdir(dirname(path), { recursive: true })
  // Same directory, so the final rename is atomic: a reader never sees half an export.
  const temp = `${path}.${process.pid}.partial`
  const stream = createWriteStream(temp, { encoding: 'utf8' })
  return {
    write: async (text) => {
      if (!stream.write(text)) {
        await new Promise<void>((r) => stream.once('drain', () => r()))
      }
    },
    commit: async () => {
      stream.end()
      await finished(stream)
      await rename(temp, path)
    },
    abort: async () => {
      stream.destroy()
      await rm(temp, { force: true })
    },
  }
}

/**
 * `projektatlas export`: every published project (drafts stay out, as in the public catalogue) as a
 * project record (../shared/spec/project-record.md) with its `participations`, as one JSON array or
 * as JSON Lines, to stdout or `--out`. `projects --format json` lists drafts too.
 * @returns 0; prints how many records were written to stderr when writing a file
 */
export async function exportProjects(options: ExportOptions, io: CliIO): Promise<number> {
  const tenant = options.tenant === undefined ? undefined : parseId(options.tenant, 'tenant')
  return withRegistry(io, async (db) => {
    const scopes = await tenantScopes(db, tenant)
    const target = options.out === undefined ? undefined : resolve(io.cwd, options.out)
    const sink = target === undefined ? stdoutSink(io) : await fileSink(target)
    let count = 0
    try {
      if (options.format === 'json') {
        await sink.write('[')
      }
      for (const { scope } of scopes) {
        for await (const page of pages((limit, offset) => listProjectRecords(db, scope, { limit, offset }))) {
          for (const record of page) {
            // Open data carries what the public catalogue shows: published projects, never drafts.
            if ((await getPublication(db, scope, record.id)).publishedAt === null) {
              continue
            }
            const line = JSON.stringify(record)
            await sink.write(options.format === 'json' ? `${count === 0 ? '\n' : ',\n'}${line}` : `${line}\n`)
            count++
          }
        }
      }
      if (options.format === 'json') {
        await sink.write(count === 0 ? ']\n' : '\n]\n')
      }
      await sink.commit()
    } catch (e) {
      await sink.abort()
      throw e
    }
    if (target !== undefined) {
      io.err(`wrote ${count} project${count === 1 ? '' : 's'} to ${target}\n`)
    }
    return 0
  })
}
