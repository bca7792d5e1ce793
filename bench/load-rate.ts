import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadConfig } from '../src/config/config.js'
import { openDatabase } from '../src/db/open-database.js'
import { loadPostgresPortfolio, loadSqlitePortfolio } from './generate.js'
import { startBenchCluster } from './pg-cluster.js'

// The bulk load alone, without indexing or measuring anything else: how fast bench/load.ts puts a
// synthetic portfolio into a fresh registry. Usage:
//   node --import tsx bench/load-rate.ts [projects=100000] [sqlite|postgres]
// PostgreSQL runs on a throwaway benchmark cluster (bench/pg-cluster.ts).

const projects = Number(process.argv[2] ?? 100_000)
const engine = process.argv[3] ?? 'sqlite'
if (!Number.isInteger(projects) || projects <= 0 || (engine !== 'sqlite' && engine !== 'postgres')) {
  process.stderr.write('usage: bench/load-rate.ts [projects] [sqlite|postgres]\n')
  process.exit(2)
}
const dir = mkdtempSync(join(tmpdir(), 'projektatlas-load-'))
const cluster = engine === 'postgres' ? await startBenchCluster() : undefined
try {
  const file = join(dir, 'registry.db')
  const config = loadConfig({ DATABASE_URL: cluster?.url ?? `sqlite:${file}`, LOG_LEVEL: 'warn' }, dir)
  const db = await openDatabase(config.db)
  try {
    const onProgress = (n: number) => process.stderr.write(`  ${n.toLocaleString('en')} projects\n`)
    const r = cluster
      ? await loadPostgresPortfolio(db, projects, { onProgress })
      : await loadSqlitePortfolio(file, projects, { onProgress })
    const s = r.insertMs / 1000
    process.stdout.write(
      `${engine}: ${projects.toLocaleString('en')} projects, ${r.participations.toLocaleString('en')} participations in ${s.toFixed(1)} s: ${Math.round(projects / s).toLocaleString('en')} projects/s\n`,
    )
  } finally {
    await db.destroy()
  }
} finally {
  cluster?.stop()
  rmSync(dir, { recursive: true, force: true })
}
