/** Normalisers for the scalar formats Dixa sends, so serialisation never fails on odd data. */
import { EmailAddressResolver } from 'graphql-scalars';

/**
 * A timestamp toISOString() would return unchanged (days 29–31 excepted: V8 rolls 02-30 over),
 * which most of Dixa's are: kept without a Date round trip.
 */
const CANONICAL_UTC = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|1\d|2[0-8])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3}Z$/;

/**
 * Dixa sends ISO-8601 with or without millis, and sometimes Java's zoned form
 * (`2021-12-01T12:46:36.581Z[GMT]`). Returns ISO-8601 UTC, or null when unparseable.
 */
export function isoDateTime(value: string | null | undefined): string | null {
  if (!value) return null;
  if (CANONICAL_UTC.test(value)) return value;
  const time = Date.parse(value.endsWith(']') ? value.replace(/\[[^\]]*\]$/, '') : value);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

export function isEmail(value: string): boolean {
  try {
    EmailAddressResolver.parseValue(value);
    return true;
  } catch {
    return false;
  }
}

export function absoluteUrl(value: string | null | undefined): string | null {
  return value && URL.canParse(value) ? value : null;
}

/** Non-empty, trimmed, de-duplicated (case-insensitive for e-mail), order kept. */
export function distinctValues(values: Array<string | null | undefined>, caseInsensitive = false): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of values) {
    const value = raw?.trim();
    if (!value) continue;
    const key = caseInsensitive ? value.toLowerCase() : value;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(value);
  }
  return out;
}

export function nonEmpty(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

/** "AwaitingPending" → "Awaiting pending"; "WidgetChat" → "Widget chat". */
export function humanize(pascal: string): string {
  const words = pascal.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
