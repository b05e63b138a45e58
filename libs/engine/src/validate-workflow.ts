import { z } from 'zod';
import type { FieldDeclaration } from './step-executor';
import { CURRENT_SCHEMA_VERSION, StepDocument, WorkflowDocument } from './workflow-document';

export interface DocumentProblem {
  path: string;
  message: string;
}

export interface ValidationDeps {
  /** Field declarations per known step type. */
  declarations(type: string): FieldDeclaration[] | undefined;
  knownTypes(): string[];
  /** Checks a field's form and that its expression or template compiles; null when fine. */
  validateField(spec: unknown, declaration: FieldDeclaration): string | null;
}

const KEY = /^[a-z][a-z0-9_]*$/;

const stepSchema = z.object({
  key: z.string().regex(KEY, 'must match [a-z][a-z0-9_]* (lower-case letters, digits, underscores)'),
  type: z.string().min(1),
  connection: z.string().optional(),
  config: z.record(z.string(), z.unknown()).default({}),
  retry: z.object({ attempts: z.number().int().min(1).max(25) }).optional(),
});

const documentSchema = z.object({
  schemaVersion: z.literal(CURRENT_SCHEMA_VERSION).default(CURRENT_SCHEMA_VERSION),
  name: z.string().trim().min(1, 'is required').max(200),
  enabled: z.boolean().default(true),
  trigger: z
    .object({
      type: z.literal('webhook'),
      methods: z
        .array(z.enum(['GET', 'POST', 'PUT', 'PATCH']))
        .min(1)
        .default(['POST']),
      verify: z.record(z.string(), z.unknown()).optional(),
      idempotency: z
        .object({ header: z.string().min(1).toLowerCase().optional(), expr: z.string().min(1).optional() })
        .refine((v) => !(v.header && v.expr), 'set header or expr, not both')
        .optional(),
      rateLimit: z
        .object({ perSecond: z.number().positive().max(100_000), burst: z.number().int().min(1).max(1_000_000).optional() })
        .optional(),
      response: z
        .object({
          // 3xx with a Location header: the redirect a form builder or an HTML form expects.
          status: z.number().int().min(200).max(399).optional(),
          headers: z.record(z.string().regex(/^[A-Za-z0-9-]+$/, 'is not a header name'), z.string()).optional(),
          contentType: z.string().min(1).optional(),
          body: z.unknown().optional(),
        })
        .optional(),
    })
    .default({ type: 'webhook', methods: ['POST'] }),
  order: z.object({ key: z.string().min(1).optional() }).optional(),
  steps: z.array(stepSchema).default([]),
  /** Runs once when a run fails for good (after its retries): an email, an HTTP call, a chat message. */
  onFailure: stepSchema.extend({ key: stepSchema.shape.key.default('on_failure') }).optional(),
});

export type ValidationResult =
  | { ok: true; document: WorkflowDocument }
  | { ok: false; problems: DocumentProblem[] };

/** Validates a workflow document as a whole; every problem names the field it is about. */
export function validateWorkflow(input: unknown, deps: ValidationDeps): ValidationResult {
  const parsed = documentSchema.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })),
    };
  }
  const doc = parsed.data as WorkflowDocument;
  const problems: DocumentProblem[] = [];
  const expression = (spec: unknown, path: string, label: string) => {
    const problem = deps.validateField(spec, { name: path, label });
    if (problem) problems.push({ path, message: problem });
  };
  const { idempotency, response } = doc.trigger;
  if (idempotency?.expr) expression({ expr: idempotency.expr }, 'trigger.idempotency.expr', 'Idempotency key');
  if (doc.order?.key) expression({ expr: doc.order.key }, 'order.key', 'Order key');
  if (response?.body !== undefined) expression(response.body, 'trigger.response.body', 'Response body');
  const seen = new Set<string>();
  doc.steps.forEach((step, i) => {
    if (seen.has(step.key)) problems.push({ path: `steps[${i}].key`, message: `duplicate step key "${step.key}"` });
    seen.add(step.key);
    problems.push(...checkStep(step, `steps[${i}]`, deps));
  });
  if (doc.onFailure) problems.push(...checkStep(doc.onFailure, 'onFailure', deps));
  return problems.length ? { ok: false, problems } : { ok: true, document: doc };
}

/** A step's type is known, its fields are declared by that type and compile, and required ones are there. */
function checkStep(step: StepDocument, at: string, deps: ValidationDeps): DocumentProblem[] {
  const problems: DocumentProblem[] = [];
  const declared = deps.declarations(step.type);
  if (!declared) {
    return [{ path: `${at}.type`, message: `unknown step type "${step.type}"; known: ${deps.knownTypes().join(', ')}` }];
  }
  const byName = new Map(declared.map((d) => [d.name, d]));
  for (const [name, spec] of Object.entries(step.config)) {
    const declaration = byName.get(name);
    if (!declaration) {
      problems.push({ path: `${at}.config.${name}`, message: `unknown field for ${step.type}; known: ${[...byName.keys()].join(', ')}` });
      continue;
    }
    const problem = deps.validateField(spec, declaration);
    if (problem) problems.push({ path: `${at}.config.${name}`, message: problem });
  }
  for (const d of declared) {
    if (d.required && !(d.name in step.config)) problems.push({ path: `${at}.config.${d.name}`, message: 'is required' });
  }
  return problems;
}

function formatPath(path: PropertyKey[]): string {
  return path.reduce<string>((acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${String(p)}` : String(p)), '');
}
