import addressparser from 'nodemailer/lib/addressparser';

/** One mailbox as nodemailer takes it; name may be empty. */
export interface MailAddress {
  name: string;
  address: string;
}

export interface ParsedAddresses {
  addresses: MailAddress[];
  /** Entries that are not an email address, as the user wrote them (for the error message). */
  invalid: string[];
}

/*
 * Deliberately practical rather than RFC 5322-complete: a local part and a dotted domain, no spaces or
 * brackets. Catches the mistakes that matter (a name without an address, "bob@", a missing domain)
 * while accepting international (SMTPUTF8) addresses. Quoted local parts and address literals are refused.
 */
const LOCAL = String.raw`[^\s@"<>(),;:\\\[\]]+`;
const LABEL = String.raw`[^\s@."<>(),;:\\\[\]]+`;
const ADDRESS = new RegExp(`^${LOCAL}@${LABEL}(?:\\.${LABEL})+$`, 'u');

export function isMailAddress(address: string): boolean {
  return ADDRESS.test(address) && !address.startsWith('.') && !address.includes('..') && !address.includes('.@');
}

/**
 * Reads an address field however a mapping produced it: "a@x, Ada <b@y>", a list of such strings,
 * a list of { name, address } objects (or one such object). Empty values give no addresses.
 */
export function parseMailAddresses(value: unknown): ParsedAddresses {
  const result: ParsedAddresses = { addresses: [], invalid: [] };
  for (const item of Array.isArray(value) ? value : [value]) collect(item, result);
  return result;
}

function collect(item: unknown, result: ParsedAddresses): void {
  if (item === undefined || item === null || item === '') return;
  if (typeof item === 'string') {
    for (const entry of addressparser(item, { flatten: true })) {
      add({ name: entry.name, address: entry.address }, entry.address || entry.name, result);
    }
    return;
  }
  if (typeof item === 'object' && !Array.isArray(item) && 'address' in item) {
    const { name, address } = item as { name?: unknown; address?: unknown };
    const text = typeof address === 'string' ? address.trim() : '';
    add({ name: typeof name === 'string' ? name.trim() : '', address: text }, text || JSON.stringify(item), result);
    return;
  }
  result.invalid.push(typeof item === 'object' ? JSON.stringify(item) : String(item));
}

function add(entry: MailAddress, shown: string, result: ParsedAddresses): void {
  if (isMailAddress(entry.address)) result.addresses.push(entry);
  else result.invalid.push(shown);
}
