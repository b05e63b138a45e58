import type { ZodType } from 'zod';
import type { ResolvedConnection } from './step-executor';

export type ConnectionTestResult = { ok: true; detail?: string } | { ok: false; message: string };

/**
 * A kind of connection (smtp, google-service-account, http-bearer, …): what its config and write-only
 * secrets look like, and how to check that they work.
 */
export interface ConnectionType {
  readonly type: string;
  readonly label: string;
  readonly config: ZodType<Record<string, unknown>>;
  readonly secrets: ZodType<Record<string, string>>;
  /** Checks the credentials for real (handshake, token) and says what is wrong in plain words. */
  test?(connection: ResolvedConnection): Promise<ConnectionTestResult>;
}
