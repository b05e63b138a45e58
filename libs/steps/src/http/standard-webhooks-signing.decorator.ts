import { Webhook } from 'standardwebhooks';
import { type FieldDeclaration, type StepContext, StepError } from '@app/engine';
import { WEBHOOK_SIGNING_CONNECTION } from '../connections/http/webhook-signing.connection-type';
import { replaceHeaders } from './http-headers.helper';
import type { HttpRequestDecorator, PreparedHttpRequest } from './http-request.types';

export interface StandardWebhooksSigningOptions {
  /** The clock for webhook-timestamp; tests pin it. */
  now?: () => Date;
}

const SIGN_FIELD: FieldDeclaration = {
  name: 'sign',
  label: 'Sign the request (Standard Webhooks)',
  kinds: ['value'],
  help:
    'true adds webhook-id, webhook-timestamp and webhook-signature headers so the receiver can check the request ' +
    'came from you (standardwebhooks.com). Signs with the step\'s connection, which must be a "Signing secret" ' +
    'connection; such a connection signs unless this is false.',
};

/**
 * Standard Webhooks signing of the final request. Runs last: the signature covers the exact body text
 * sent, so nothing may change the body after it.
 *
 * Why the secret comes from a `webhook-signing` connection and `sign` is only true/false: SPEC §5 says
 * `sign` is the secret, but field values are recorded as the step's input, and a secret must stay
 * write-only. The cost: a step has one connection, so it can be signed or use an auth connection, not
 * both (the signature itself is the receiver's proof of origin).
 *
 * webhook-id is `<runId>:<stepKey>`: every attempt of the step sends the same id, so a receiver that
 * dedupes on it (hookflow's own hooks do) takes a retried delivery once. The timestamp is per attempt.
 */
export class StandardWebhooksSigningDecorator implements HttpRequestDecorator {
  readonly fields = [SIGN_FIELD];
  readonly connectionTypes = [WEBHOOK_SIGNING_CONNECTION.type];
  private readonly now: () => Date;

  constructor(options: StandardWebhooksSigningOptions = {}) {
    this.now = options.now ?? (() => new Date());
  }

  decorate(request: PreparedHttpRequest, input: Record<string, unknown>, ctx: StepContext): PreparedHttpRequest {
    const signing = ctx.connection?.type === WEBHOOK_SIGNING_CONNECTION.type ? ctx.connection : undefined;
    const wanted = readSign(input.sign);
    if (wanted === false || (wanted === undefined && !signing)) return request;
    if (!signing) {
      const has = ctx.connection ? `its connection "${ctx.connection.name}" is ${ctx.connection.type}` : 'it has no connection';
      throw new StepError(`Sign is on, but ${has}. Choose a "Signing secret" (webhook-signing) connection for this step, or turn Sign off.`, false);
    }
    const secret = signing.secrets.secret;
    let webhook: Webhook;
    try {
      webhook = new Webhook(secret ?? '');
    } catch {
      throw new StepError(`The connection "${signing.name}" does not hold a usable signing secret. Edit it and paste the whsec_… secret again.`, false);
    }
    const id = `${ctx.runId}:${ctx.stepKey}`;
    const at = this.now();
    const signature = webhook.sign(id, at, request.body ?? '');
    const headers = replaceHeaders(request.headers, {
      'webhook-id': id,
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': signature,
    });
    return { ...request, headers };
  }
}

function readSign(value: unknown): boolean | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'boolean') return value;
  throw new StepError(`Sign must be true or false, not ${JSON.stringify(value)}.`, false);
}
