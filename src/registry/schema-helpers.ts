import Type from 'typebox'

/** `T | null`: the registry stores an unknown value as null, never as a guess. */
export const Nullable = <T extends Type.TSchema>(t: T) => Type.Union([t, Type.Null()])

/** A row id: a positive integer assigned by the database. */
export const Id = Type.Integer({ minimum: 1 })

/** ISO 3166-1 alpha-2 country code. */
export const Country = Type.String({ pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2' })

/** An ISO 8601 instant in UTC, as the registry writes its own timestamps. */
export const Timestamp = Type.String({ description: 'ISO 8601 UTC instant' })

/** Text that must say something. */
export const NonEmpty = Type.String({ minLength: 1 })

/** Name key: case-, accent-width- and space-insensitive form of a name, for finding by name or alias. */
export function nameKey(name: string): string {
  return name.normalize('NFKC').toLocaleLowerCase('sv').replace(/\s+/g, ' ').trim()
}

/**
 * The text a case-insensitive search compares: the parts folded to lower case by the application,
 * so both engines agree on Å, Ä and Ö whatever their collation or locale.
 */
export function searchKey(...parts: readonly (string | null | undefined)[]): string {
  return parts
    .filter((p): p is string => Boolean(p))
    .join('\n')
    .normalize('NFKC')
    .toLocaleLowerCase('sv')
}

/** The registry's clock: ISO 8601 UTC text, sortable as text on both engines. */
export function now(): string {
  return new Date().toISOString()
}
