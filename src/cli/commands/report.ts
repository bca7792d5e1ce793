import { mkdir, writeFile } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import { scopeOf } from '../../registry/scope.js'
import { type ReportFormat, renderReport } from '../../report/render/index.js'
import { buildReport, findTenantByName } from '../../report/report.service.js'
import { ValidationError } from '../../shared/errors.js'
import type { CliIO } from '../io.js'
import { withRegistry } from '../registry.js'

/** Options of `projektatlas report`. */
export interface ReportOptions {
  /** the tenant whose report it is, by name */
  readonly organisation: string
  readonly year: string
  readonly format: ReportFormat
  /** write here instead of stdout (required for docx and pdf) */
  readonly out?: string
}

/**
 * `projektatlas report --organisation NAME --year YYYY --format html|docx|pdf|json [--out F]`: the
 * yearly international report of one tenant, computed from its units' forms, with the
 * reconciliation against a printed report imported for that year.
 */
export async function report(options: ReportOptions, io: CliIO): Promise<number> {
  const year = Number(options.year)
  if (!Number.isInteger(year) || year < 1950 || year > 2100) {
    throw new ValidationError(`--year: expected a year such as 2025, found "${options.year}"`, 'year')
  }
  if (!options.out && (options.format === 'docx' || options.format === 'pdf')) {
    throw new ValidationError(`--format ${options.format} writes a binary file: give --out FILE`, 'out')
  }
  return withRegistry(io, async (db) => {
    const tenant = await findTenantByName(db, options.organisation)
    const model = await buildReport(db, scopeOf(tenant.id, 'cli'), year)
    const rendered = await renderReport(model, options.format)
    if (!options.out) {
      io.out(rendered.body.toString('utf8'))
      return 0
    }
    const path = resolve(io.cwd, options.out)
    await mkdir(dirname(path), { recursive: true })
    await writeFile(path, rendered.body)
    io.err(
      `report: ${tenant.name} ${year}: ${model.projects.count} projects (${model.projects.eu} EU), ` +
        `${model.units.length} units, ${model.reconciliation.length} printed figures reconciled → ${options.out}\n`,
    )
    return 0
  })
}
