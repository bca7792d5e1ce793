import type { CliIO } from '../io.js'
export async function exportProjects(
  _o: { format: 'json' | 'jsonl'; out?: string },
  _io: CliIO,
): Promise<number> {
  throw new Error('not built yet')
}
