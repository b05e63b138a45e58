/** A webhook as received and stored: what the trigger context is built from. */
export interface ReceivedPayload {
  method: string;
  contentType: string | null;
  headers: Record<string, string>;
  query: Record<string, unknown>;
  body: unknown;
  rawBody: string;
}
