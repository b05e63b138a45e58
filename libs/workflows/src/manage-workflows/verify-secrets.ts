import { Injectable } from '@nestjs/common';
import { AppError, ErrorCode } from '@app/common';
import type { WorkflowDocument } from '@app/engine';
import { SECRET_FIELDS, SecretBox, verifyConfigSchema } from '@app/security';

export interface SplitDocument {
  /** The document as stored and shown: verify settings without their secrets. */
  document: WorkflowDocument;
  /** The secret fields, sealed; null when the workflow verifies nothing. */
  sealed: string | null;
}

/**
 * Verification secrets are write-only: they are taken out of the document, sealed apart from it, and never
 * returned. An update that leaves a secret out keeps the one already stored for the same scheme.
 */
@Injectable()
export class VerifySecrets {
  constructor(private readonly box: SecretBox) {}

  split(doc: WorkflowDocument, previous?: { document: WorkflowDocument; sealed: string | null }): SplitDocument {
    const verify = doc.trigger.verify;
    if (!verify) return { document: doc, sealed: null };
    const scheme = String(verify.scheme);
    const secretNames = SECRET_FIELDS[scheme as keyof typeof SECRET_FIELDS] ?? [];
    const kept =
      previous?.sealed && previous.document.trigger.verify?.scheme === scheme
        ? (JSON.parse(this.box.open(previous.sealed)) as Record<string, string>)
        : {};
    const full = { ...kept, ...verify };
    const parsed = verifyConfigSchema.safeParse(full);
    if (!parsed.success) {
      const errors = parsed.error.issues.map((i) => ({ path: ['trigger', 'verify', ...i.path].join('.'), message: i.message }));
      throw new AppError(ErrorCode.ValidationFailed, `${errors[0].path}: ${errors[0].message}`, { errors });
    }
    const config = parsed.data as Record<string, unknown>;
    const secrets: Record<string, string> = {};
    const shown: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(config)) {
      if ((secretNames as readonly string[]).includes(name)) secrets[name] = String(value);
      else shown[name] = value;
    }
    return {
      document: { ...doc, trigger: { ...doc.trigger, verify: shown } },
      sealed: this.box.seal(JSON.stringify(secrets)),
    };
  }
}
