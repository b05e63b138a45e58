import { Injectable } from '@nestjs/common';
import { Sql } from '@app/database';
import type { OrderSettings, WebhookTrigger } from '@app/engine';
import { CompiledField, compileField } from '@app/mapping';
import { SecretBox, VerifyConfig } from '@app/security';

/** What the accept path needs to know about a hook, prepared once per cache period. */
export interface HookEntry {
  workflowId: string;
  trigger: WebhookTrigger;
  /** The verify settings with their secrets opened. */
  verify?: VerifyConfig;
  idempotencyKey?: CompiledField;
  responseBody?: CompiledField;
  /** Set when the workflow runs in order; its key expression, if it orders per key. */
  order?: { key?: CompiledField };
}

const TTL_MS = 5000;
const MAX_ENTRIES = 10_000;

/**
 * Token → workflow, cached briefly so the accept path does not pay a lookup per request. The cache only
 * speeds up answers: whether a token is still valid is decided again inside the insert itself.
 */
@Injectable()
export class HookDirectory {
  private readonly cache = new Map<string, { entry: HookEntry | null; at: number }>();

  constructor(
    private readonly sql: Sql,
    private readonly secrets: SecretBox,
  ) {}

  async find(token: string): Promise<HookEntry | null> {
    const hit = this.cache.get(token);
    if (hit && Date.now() - hit.at < TTL_MS) return hit.entry;
    const rows = await this.sql.rows<{ id: string; trigger: WebhookTrigger; ord: OrderSettings | null; verify_secrets: string | null }>(
      'hook_directory_find',
      `SELECT id, document->'trigger' AS trigger, document->'order' AS ord, verify_secrets FROM workflows WHERE hook_token = $1`,
      [token],
    );
    const row = rows[0];
    const entry = row ? this.prepare(row.id, row.trigger, row.verify_secrets, row.ord) : null;
    if (this.cache.size >= MAX_ENTRIES) this.cache.clear();
    this.cache.set(token, { entry, at: Date.now() });
    return entry;
  }

  forget(token: string): void {
    this.cache.delete(token);
  }

  private prepare(workflowId: string, trigger: WebhookTrigger, sealed: string | null, order: OrderSettings | null): HookEntry {
    const entry: HookEntry = { workflowId, trigger };
    if (order) entry.order = order.key ? { key: compileField({ expr: order.key }) } : {};
    if (trigger.verify) {
      const secrets = sealed ? (JSON.parse(this.secrets.open(sealed)) as Record<string, string>) : {};
      entry.verify = { ...trigger.verify, ...secrets } as VerifyConfig;
    }
    if (trigger.idempotency?.expr) entry.idempotencyKey = compileField({ expr: trigger.idempotency.expr });
    if (trigger.response?.body !== undefined) entry.responseBody = compileField(trigger.response.body as never);
    return entry;
  }
}
