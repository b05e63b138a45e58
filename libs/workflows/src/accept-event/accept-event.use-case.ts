import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { AppError, ErrorCode, GroupCommit } from '@app/common';
import { IntakeItem, IntakeResult, IntakeStore, RunStore } from '@app/database';
import { Dispatcher } from '@app/queue';
import { verifyInbound } from '@app/security';
import { parseBody } from './body/body.parser';
import { HookDirectory, HookEntry } from './hook-directory';
import { HookRateLimiter } from './hook-rate-limiter';
import { HookReply, replyFor } from './hook-response';
import { idempotencyKeyOf, orderKeyOf } from './run-keys';
import { redactHeaders } from './redact-headers';

export interface IncomingHook {
  token: string;
  method: string;
  headers: Record<string, string | string[] | undefined>;
  query: Record<string, unknown>;
  rawBody: Buffer;
}

const RETRY_AFTER_SECONDS = 5;

/**
 * The accept path: validate, store event + queued run durably (group-committed with concurrent requests),
 * answer only after COMMIT, then hand the committed runs to the dispatcher off the request path.
 */
@Injectable()
export class AcceptEventUseCase {
  private readonly logger = new Logger('AcceptEvent');
  private readonly commit: GroupCommit<IntakeItem, IntakeResult>;
  private readonly limiter = new HookRateLimiter();

  constructor(
    private readonly hooks: HookDirectory,
    private readonly intake: IntakeStore,
    private readonly runs: RunStore,
    private readonly dispatcher: Dispatcher,
  ) {
    this.commit = new GroupCommit((items) => this.store(items), { maxBatch: 500, maxConcurrent: 4 });
  }

  async accept(hook: IncomingHook): Promise<HookReply> {
    const entry = await this.lookup(hook.token);
    if (!entry) throw notFound();
    const { methods, rateLimit } = entry.trigger;
    if (!(methods as string[]).includes(hook.method)) {
      throw new AppError(ErrorCode.MethodNotAllowed, `This hook accepts ${methods.join(', ')}, not ${hook.method}.`, { allow: methods });
    }
    const wait = rateLimit ? this.limiter.take(hook.token, rateLimit) : 0;
    if (wait > 0) {
      throw new AppError(ErrorCode.RateLimited, `This hook takes at most ${rateLimit!.perSecond} requests per second. Retry in ${wait} s.`, {
        retryAfterSeconds: wait,
      });
    }
    const headers = redactHeaders(hook.headers, secretHeaderOf(entry));
    const contentType = first(hook.headers['content-type']);
    const verdict = entry.verify ? verifyInbound(entry.verify, hook) : { ok: true as const };
    if (!verdict.ok) {
      await this.storeRejected(hook, headers, contentType, verdict.reason);
      throw new AppError(ErrorCode.Unauthorized, `The signature check failed: ${verdict.reason}. Nothing was run.`);
    }
    const { body, rawBody } = await parseBody(hook.method, contentType, hook.rawBody, hook.query);
    const item = this.item(hook, headers, contentType, body, rawBody);
    item.idempotencyKey = await idempotencyKeyOf(entry, hook.headers, { body, query: hook.query });
    item.orderKey = await orderKeyOf(entry, hook.headers, { body, query: hook.query });
    const result = await this.submit(item);
    if (result.status === 'invalid') {
      throw new AppError(ErrorCode.MalformedBody, `The payload cannot be stored: ${result.reason}. Nothing was stored.`);
    }
    if (result.status === 'unknown' || result.status === 'rejected') {
      this.hooks.forget(hook.token);
      throw notFound();
    }
    const answer =
      result.status === 'accepted'
        ? { status: 'accepted' as const, eventId: result.eventId!, runId: result.runId! }
        : { status: 'sampled' as const, eventId: result.eventId! };
    return replyFor(entry, answer, { body, query: hook.query, headers, method: hook.method }, Boolean(result.duplicate));
  }

  /** A request that failed verification is kept as a flagged sample, so users can see what was sent. */
  private async storeRejected(hook: IncomingHook, headers: Record<string, string>, contentType: string | undefined, reason: string) {
    const parsed = await parseBody(hook.method, contentType, hook.rawBody, hook.query).catch(() => undefined);
    const rawBody = parsed?.rawBody ?? hook.rawBody.toString('latin1').replace(/\u0000/g, '\uFFFD');
    const item = this.item(hook, headers, contentType, parsed?.body ?? rawBody, rawBody);
    item.rejectReason = reason;
    await this.submit(item);
  }

  private item(hook: IncomingHook, headers: Record<string, string>, contentType: string | undefined, body: unknown, rawBody: string): IntakeItem {
    return {
      eventId: randomUUID(),
      runId: randomUUID(),
      token: hook.token,
      receivedAt: new Date().toISOString(),
      method: hook.method,
      contentType: contentType ?? null,
      headers,
      query: hook.query,
      body,
      rawBody,
      idempotencyKey: null,
      orderKey: null,
      rejectReason: null,
    };
  }

  private async lookup(token: string): Promise<HookEntry | null> {
    try {
      return await this.hooks.find(token);
    } catch (e) {
      throw this.unavailable(e);
    }
  }

  private async submit(item: IntakeItem): Promise<IntakeResult> {
    try {
      return await this.commit.submit(item);
    } catch (e) {
      throw this.unavailable(e);
    }
  }

  private async store(items: IntakeItem[]): Promise<IntakeResult[]> {
    const results = await this.intake.insertBatch(items).catch((e: unknown) => {
      if (!isDataError(e)) throw e;
      // One payload the store refuses must not fail the others committed with it: store each on its own.
      return Promise.all(items.map((item) => this.storeAlone(item)));
    });
    const runIds = results.filter((r) => r.status === 'accepted' && !r.duplicate).map((r) => r.runId!);
    if (runIds.length > 0) void this.handOff(runIds);
    return results;
  }

  private async storeAlone(item: IntakeItem): Promise<IntakeResult> {
    try {
      return (await this.intake.insertBatch([item]))[0];
    } catch (e) {
      if (!isDataError(e)) throw e;
      return { status: 'invalid', reason: (e as Error).message };
    }
  }

  /** Off the request path: a failed hand-off leaves the runs queued for the sweeper, never lost. */
  private async handOff(runIds: string[]): Promise<void> {
    try {
      await this.dispatcher.dispatch(runIds);
    } catch (e) {
      this.logger.warn({ msg: 'dispatch failed; the sweeper will retry', runs: runIds.length, error: (e as Error).message });
      await this.runs.markUndispatched(runIds).catch(() => undefined);
    }
  }

  private unavailable(e: unknown): AppError {
    this.logger.error({ msg: 'store unavailable; hook answered 503', error: (e as Error).message });
    return new AppError(ErrorCode.StoreUnavailable, 'The event store is unreachable; nothing was stored. Retry later.', {
      retryAfterSeconds: RETRY_AFTER_SECONDS,
    });
  }
}

/** Schemes with a configurable header carry the credential there: redact it like the well-known ones. */
function secretHeaderOf(entry: HookEntry): string[] {
  const header = (entry.verify as { header?: string } | undefined)?.header;
  return header ? [header.toLowerCase()] : [];
}

/** PostgreSQL's class 22: the data, not the store, is at fault. */
function isDataError(e: unknown): boolean {
  return String((e as { code?: unknown })?.code ?? '').startsWith('22');
}

function first(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

function notFound(): AppError {
  return new AppError(ErrorCode.HookNotFound, 'No workflow listens on this hook URL. It may have been rotated or deleted.');
}
