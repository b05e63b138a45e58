import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { AppError, ErrorCode, GroupCommit } from '@app/common';
import { IntakeItem, IntakeResult, IntakeStore, RunStore } from '@app/database';
import { Dispatcher } from '@app/queue';
import { HookDirectory } from './hook-directory';
import { parseBody } from './parse-body';
import { redactHeaders } from './redact-headers';

export interface IncomingHook {
  token: string;
  method: string;
  headers: Record<string, string | string[] | undefined>;
  query: Record<string, unknown>;
  rawBody: Buffer;
}

export type HookAnswer =
  | { status: 'accepted'; eventId: string; runId: string }
  | { status: 'sampled'; eventId: string };

const RETRY_AFTER_SECONDS = 5;

/**
 * The accept path: validate, store event + queued run durably (group-committed with concurrent requests),
 * answer only after COMMIT, then hand the committed runs to the dispatcher off the request path.
 */
@Injectable()
export class AcceptEventUseCase {
  private readonly logger = new Logger('AcceptEvent');
  private readonly commit: GroupCommit<IntakeItem, IntakeResult>;

  constructor(
    private readonly hooks: HookDirectory,
    private readonly intake: IntakeStore,
    private readonly runs: RunStore,
    private readonly dispatcher: Dispatcher,
  ) {
    this.commit = new GroupCommit((items) => this.store(items), { maxBatch: 500, maxConcurrent: 4 });
  }

  async accept(hook: IncomingHook): Promise<HookAnswer> {
    const entry = await this.lookup(hook.token);
    if (!entry) throw notFound();
    if (!(entry.methods as string[]).includes(hook.method)) {
      throw new AppError(ErrorCode.MethodNotAllowed, `This hook accepts ${entry.methods.join(', ')}, not ${hook.method}.`, {
        allow: entry.methods,
      });
    }
    const contentType = header(hook.headers, 'content-type');
    const { body, rawBody } = parseBody(hook.method, contentType, hook.rawBody, hook.query);
    const item: IntakeItem = {
      eventId: randomUUID(),
      runId: randomUUID(),
      token: hook.token,
      receivedAt: new Date().toISOString(),
      method: hook.method,
      contentType: contentType ?? null,
      headers: redactHeaders(hook.headers),
      query: hook.query,
      body,
      rawBody,
    };
    let result: IntakeResult;
    try {
      result = await this.commit.submit(item);
    } catch (e) {
      this.logger.error({ msg: 'store unavailable; hook answered 503', error: (e as Error).message });
      throw unavailable();
    }
    if (result.status === 'unknown') {
      this.hooks.forget(hook.token);
      throw notFound();
    }
    return result.status === 'accepted'
      ? { status: 'accepted', eventId: item.eventId, runId: item.runId }
      : { status: 'sampled', eventId: item.eventId };
  }

  private async lookup(token: string) {
    try {
      return await this.hooks.find(token);
    } catch (e) {
      this.logger.error({ msg: 'store unavailable; hook answered 503', error: (e as Error).message });
      throw unavailable();
    }
  }

  private async store(items: IntakeItem[]): Promise<IntakeResult[]> {
    const results = await this.intake.insertBatch(items);
    const runIds = items.filter((_, i) => results[i].status === 'accepted').map((it) => it.runId);
    if (runIds.length > 0) void this.handOff(runIds);
    return results;
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
}

function header(headers: IncomingHook['headers'], name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function notFound(): AppError {
  return new AppError(ErrorCode.HookNotFound, 'No workflow listens on this hook URL. It may have been rotated or deleted.');
}

function unavailable(): AppError {
  return new AppError(ErrorCode.StoreUnavailable, 'The event store is unreachable; nothing was stored. Retry later.', {
    retryAfterSeconds: RETRY_AFTER_SECONDS,
  });
}
