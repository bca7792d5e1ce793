import { ValidationError } from '../shared/errors.js'

/**
 * Checks a partial ISO 8601 date ("2015", "2015-09", "2015-09-01") names a real year, month or day.
 * The value is kept as given: a "2015" start is not 2015-01-01.
 * @throws {ValidationError} naming `field` when the month or day does not exist
 */
export function checkPartialDate(value: string | null | undefined, field: string): void {
  if (value === null || value === undefined) {
    return
  }
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value)
  if (!m) {
    throw new ValidationError(`${field}: "${value}" is not a date like 2015, 2015-09 or 2015-09-01`, field)
  }
  const [, year, month, day] = m
  if (month !== undefined && (Number(month) < 1 || Number(month) > 12)) {
    throw new ValidationError(`${field}: "${value}" has no month ${month}`, field)
  }
  if (day !== undefined) {
    const lastDay = new Date(Date.UTC(Number(year), Number(month), 0)).getUTCDate()
    if (Number(day) < 1 || Number(day) > lastDay) {
      throw new ValidationError(`${field}: "${value}" has no day ${day}`, field)
    }
  }
}

/**
 * Checks an end does not come before a start, comparing at the precision both share
 * ("2015" and "2015-03-01" are compatible; "2016" and "2015-12" are not).
 * @throws {ValidationError} naming `field` (the end) when it does
 */
export function checkPeriod(
  start: string | null | undefined,
  end: string | null | undefined,
  field: string,
): void {
  if (!start || !end) {
    return
  }
  const n = Math.min(start.length, end.length)
  if (end.slice(0, n) < start.slice(0, n)) {
    throw new ValidationError(`${field}: ends ${end}, before it starts ${start}`, field)
  }
}
