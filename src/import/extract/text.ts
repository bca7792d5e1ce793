import type { SourceLine } from '../source-document.js'

/**
 * Text decoding for documents that arrive as bytes: Unicode with or without a byte-order mark,
 * and windows-1252 (what older Swedish Windows tools save) only when it reads as plausible text.
 */

/** Why bytes could not be read as text; the caller puts it in an ImportFormatError. */
export type TextRefusal = 'binary content, not a text document' | 'unknown text encoding' | 'empty file'

/** The outcome of {@link decodeText}: the text, or why there is none. */
export type DecodedText =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly reason: TextRefusal }

// windows-1252 leaves these bytes undefined; text in that encoding never holds them.
const CP1252_UNDEFINED = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d])

/**
 * Decodes document bytes: UTF-8 (BOM stripped), UTF-16 LE/BE (by BOM, or by the zero bytes of
 * mostly-Latin text without one), else windows-1252 when the result is plausible text; refuses
 * binary content and anything else.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes.length === 0) {
    return { ok: false, reason: 'empty file' }
  }
  const b0 = bytes[0]
  const b1 = bytes[1]
  if (b0 === 0xef && b1 === 0xbb && bytes[2] === 0xbf) {
    return checked(utf8(bytes.subarray(3)))
  }
  if (b0 === 0xff && b1 === 0xfe) {
    return checked(new TextDecoder('utf-16le').decode(bytes.subarray(2)))
  }
  if (b0 === 0xfe && b1 === 0xff) {
    return checked(new TextDecoder('utf-16be').decode(bytes.subarray(2)))
  }
  const bomless = utf16WithoutBom(bytes)
  if (bomless) {
    return checked(new TextDecoder(bomless).decode(bytes))
  }
  if (looksBinary(bytes)) {
    return { ok: false, reason: 'binary content, not a text document' }
  }
  const asUtf8 = utf8(bytes)
  if (asUtf8 !== null) {
    return checked(asUtf8)
  }
  if (bytes.some((b) => CP1252_UNDEFINED.has(b))) {
    return { ok: false, reason: 'unknown text encoding' }
  }
  const latin = new TextDecoder('windows-1252').decode(bytes)
  return plausibleLatin(latin) ? checked(latin) : { ok: false, reason: 'unknown text encoding' }
}

function utf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return null
  }
}

/** Refuses decoded text that is mostly control characters (binary that happened to decode). */
function checked(text: string | null): DecodedText {
  if (text === null) {
    return { ok: false, reason: 'unknown text encoding' }
  }
  if (text.trim() === '') {
    return { ok: false, reason: 'empty file' }
  }
  let control = 0
  const limit = Math.max(2, text.length * 0.01)
  // Code units suffice: every character counted here lies in the Basic Multilingual Plane.
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) || c === 0xfffd) {
      control++
      if (control > limit) {
        return { ok: false, reason: 'binary content, not a text document' }
      }
    }
  }
  return { ok: true, text }
}

/** NUL or other control bytes in more than a trace: not text in any 8-bit encoding. */
function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 65536)
  let control = 0
  for (let i = 0; i < n; i++) {
    const b = bytes[i] ?? 0
    if (b === 0) {
      return true
    }
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1b) {
      control++
    }
  }
  return control > Math.max(2, n * 0.01)
}

/** UTF-16 without a BOM shows as a zero byte beside nearly every ASCII character. */
function utf16WithoutBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length - (bytes.length % 2), 4096)
  if (n < 4) {
    return null
  }
  let evenZero = 0
  let oddZero = 0
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) {
      evenZero++
    }
    if (bytes[i + 1] === 0) {
      oddZero++
    }
  }
  const pairs = n / 2
  if (oddZero > pairs * 0.7 && evenZero < pairs * 0.05) {
    return 'utf-16le'
  }
  if (evenZero > pairs * 0.7 && oddZero < pairs * 0.05) {
    return 'utf-16be'
  }
  return null
}

/**
 * windows-1252 text is plausible when its non-ASCII characters are mostly letters (å, ä, ö, é…)
 * or the typographic marks that encoding was used for (– — ’ “ ” € …), and ASCII letters dominate.
 */
function plausibleLatin(text: string): boolean {
  let high = 0
  let good = 0
  let letters = 0
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0
    if (/\p{L}/u.test(ch)) {
      letters++
    }
    if (c >= 0x80) {
      high++
      if (/[\p{L}–—‘’“”„•…€§°½¼¾±×«»·]/u.test(ch)) {
        good++
      }
    }
  }
  return high > 0 && good / high >= 0.9 && high / Math.max(1, letters) < 0.3
}

/**
 * Splits text into numbered lines (1-based, as an editor shows them; CRLF, LF and CR all end a
 * line). Pages are null: plain text and HTML have none.
 */
export function toLines(text: string, page: number | null = null, firstLine = 1): SourceLine[] {
  return text.split(/\r\n|\n|\r/).map((t, i) => ({ text: t, line: firstLine + i, page }))
}
