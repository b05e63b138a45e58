import { Injectable } from '@nestjs/common';
import { Sql } from '@app/database';
import type { HttpMethod } from '@app/engine';

export interface HookEntry {
  workflowId: string;
  methods: HttpMethod[];
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

  constructor(private readonly sql: Sql) {}

  async find(token: string): Promise<HookEntry | null> {
    const hit = this.cache.get(token);
    if (hit && Date.now() - hit.at < TTL_MS) return hit.entry;
    const rows = await this.sql.rows<{ id: string; methods: HttpMethod[] | null }>(
      'hook_directory_find',
      `SELECT id, document->'trigger'->'methods' AS methods FROM workflows WHERE hook_token = $1`,
      [token],
    );
    const entry = rows[0] ? { workflowId: rows[0].id, methods: rows[0].methods ?? ['POST'] } : null;
    if (this.cache.size >= MAX_ENTRIES) this.cache.clear();
    this.cache.set(token, { entry, at: Date.now() });
    return entry;
  }

  forget(token: string): void {
    this.cache.delete(token);
  }
}
