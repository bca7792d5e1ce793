import type { CliIO } from '../io.js'
export async function extract(_f: string[], _o: { format: 'json' | 'jsonl' }, _io: CliIO): Promise<number> {
  throw new Error('not built yet')
}
