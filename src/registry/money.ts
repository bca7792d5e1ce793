import Type, { type Static } from 'typebox'
import { ValidationError } from '../shared/errors.js'
import { Currency } from './project-record.js'

/**
 * Money as the registry stores it: an integer count of the currency's minor units (öre, cent) and
 * the ISO 4217 currency. Never a float: 11 971 565 SEK is `{ amountMinor: 1197156500, currency: 'SEK' }`.
 */
export const StoredMoney = Type.Object({
  amountMinor: Type.Integer({ description: 'amount in minor units (öre, cent)' }),
  currency: Currency,
})
export type StoredMoney = Static<typeof StoredMoney>

// Asked for every amount read; building an Intl.NumberFormat each time dominated page rendering.
const digitsByCurrency = new Map<string, number>()

/** Digits after the decimal point for a currency (2 for SEK and EUR, 0 for JPY), from ICU. */
export function minorDigits(currency: string): number {
  const known = digitsByCurrency.get(currency)
  if (known !== undefined) {
    return known
  }
  try {
    const digits =
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ??
      2
    digitsByCurrency.set(currency, digits)
    return digits
  } catch (e) {
    throw new ValidationError(`Unknown currency "${currency}"`, 'currency', { cause: e })
  }
}

/**
 * Converts an amount in whole units (as documents and project records state it) to stored money.
 * @throws {ValidationError} when the amount has more decimals than the currency has minor units
 *   or is too large to be stored exactly
 */
export function toStoredMoney(amount: number, currency: string, field = 'amount'): StoredMoney {
  const digits = minorDigits(currency)
  // Go through the decimal text so 0.29 SEK becomes 29 öre and not 28.999999999999996.
  const [whole = '0', fraction = ''] = Math.abs(amount).toFixed(Math.max(digits, 6)).split('.')
  if (fraction.slice(digits).replace(/0+$/, '') !== '') {
    throw new ValidationError(`${field}: ${amount} ${currency} has more than ${digits} decimals`, field)
  }
  const minor = Number(whole + fraction.slice(0, digits)) * (amount < 0 ? -1 : 1)
  if (!Number.isSafeInteger(minor)) {
    throw new ValidationError(`${field}: ${amount} ${currency} is too large to store exactly`, field)
  }
  return { amountMinor: minor, currency }
}

/** Converts stored money back to whole units, for the project record format (`{ amount, currency }`). */
export function fromStoredMoney(money: StoredMoney): { amount: number; currency: string } {
  const digits = minorDigits(money.currency)
  return { amount: Number((money.amountMinor / 10 ** digits).toFixed(digits)), currency: money.currency }
}

/** Builds stored money from a nullable pair of columns; both must be set or both null. */
export function moneyFromColumns(amountMinor: number | null, currency: string | null): StoredMoney | null {
  if (amountMinor === null || currency === null) {
    return null
  }
  return { amountMinor, currency }
}
