import type { CliIO } from '../io.js'
export async function organisations(_o: { format: 'table' | 'json' }, _io: CliIO): Promise<number> {
  throw new Error('not built yet')
}
