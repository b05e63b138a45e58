import type { FieldKind } from '@app/engine';

export type FieldShape =
  | { kind: 'value'; value: unknown }
  | { kind: 'expr'; text: string }
  | { kind: 'template'; text: string };

const KINDS: readonly FieldKind[] = ['value', 'expr', 'template'];
const FORMS = '{ "value": … }, { "expr": "…" } or { "template": "…" }';

/** Reads a field spec, or says in one sentence what is wrong with its shape. */
export function readFieldShape(spec: unknown): FieldShape | string {
  if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) {
    return `a field must be an object: ${FORMS}`;
  }
  const keys = Object.keys(spec);
  const unknown = keys.filter((key) => !(KINDS as readonly string[]).includes(key));
  if (unknown.length > 0) {
    return `unknown key ${unknown.map((k) => `"${k}"`).join(', ')} in field; use exactly one of ${FORMS}`;
  }
  if (keys.length !== 1) {
    return keys.length === 0
      ? `a field needs one of ${FORMS}`
      : `a field has both ${keys.map((k) => `"${k}"`).join(' and ')}; use exactly one`;
  }
  const kind = keys[0] as FieldKind;
  const content = (spec as Record<string, unknown>)[kind];
  if (kind === 'value') {
    return content === undefined ? 'value is missing' : { kind, value: content };
  }
  if (typeof content !== 'string') return `${kind} must be a string`;
  if (kind === 'expr' && content.trim() === '') return 'expr is empty';
  return { kind, text: content };
}
