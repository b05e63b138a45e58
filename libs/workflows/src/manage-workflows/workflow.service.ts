import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AppError, ErrorCode, isUuid, newHookToken } from '@app/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { WorkflowEntity, WorkflowVersionEntity } from '@app/database';
import type { WorkflowDocument } from '@app/engine';
import { HookDirectory } from '../accept-event/hook-directory';
import { VerifySecrets } from './verify-secrets';
import { WorkflowValidator } from './workflow-validator';
import { workflowView, WorkflowView } from './workflow-view';

/** Create, read, change and delete workflows. Every change is a new immutable version. */
@Injectable()
export class WorkflowService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly db: DataSource,
    private readonly validator: WorkflowValidator,
    private readonly hooks: HookDirectory,
    private readonly secrets: VerifySecrets,
  ) {}

  async create(input: unknown): Promise<WorkflowView> {
    const { document: doc, sealed } = this.secrets.split(await this.validator.validate(input));
    const now = new Date();
    const entity = this.db.getRepository(WorkflowEntity).create({
      id: randomUUID(),
      name: doc.name,
      enabled: doc.enabled,
      version: 1,
      document: doc,
      hookToken: newHookToken(),
      verifySecrets: sealed,
      createdAt: now,
      updatedAt: now,
    });
    await this.db.transaction(async (tx) => {
      await tx.save(WorkflowEntity, entity);
      await this.saveVersion(tx, entity);
    });
    return this.view(entity);
  }

  async list(): Promise<WorkflowView[]> {
    const all = await this.db.getRepository(WorkflowEntity).find({ order: { createdAt: 'DESC' } });
    return all.map((w) => this.view(w));
  }

  async get(id: string): Promise<WorkflowView> {
    return this.view(await this.find(this.db.manager, id));
  }

  /** PUT replaces the document; PATCH merges the top-level fields given. */
  async update(id: string, input: unknown, merge: boolean): Promise<WorkflowView> {
    return this.change(id, (current) => {
      const patch = (input ?? {}) as Record<string, unknown>;
      return this.validator.validate(merge ? { ...current.document, ...patch } : input);
    });
  }

  async rotateHook(id: string): Promise<WorkflowView> {
    let old = '';
    const view = await this.db.transaction(async (tx) => {
      const w = await this.find(tx, id, true);
      old = w.hookToken;
      w.hookToken = newHookToken();
      w.updatedAt = new Date();
      await tx.update(WorkflowEntity, { id }, { hookToken: w.hookToken, updatedAt: w.updatedAt });
      return this.view(w);
    });
    this.hooks.forget(old);
    return view;
  }

  async remove(id: string): Promise<void> {
    const w = await this.find(this.db.manager, id);
    await this.db.getRepository(WorkflowEntity).delete({ id });
    this.hooks.forget(w.hookToken);
  }

  /** Validation reads the store, so it runs before the transaction: embedded mode has a single connection. */
  private async change(id: string, next: (current: WorkflowEntity) => Promise<WorkflowDocument>): Promise<WorkflowView> {
    const validated = await next(await this.find(this.db.manager, id));
    const w = await this.db.transaction(async (tx) => {
      const current = await this.find(tx, id, true);
      const { document: doc, sealed } = this.secrets.split(validated, {
        document: current.document,
        sealed: current.verifySecrets,
      });
      Object.assign(current, {
        document: doc,
        verifySecrets: sealed,
        name: doc.name,
        enabled: doc.enabled,
        version: current.version + 1,
        updatedAt: new Date(),
      });
      await tx.save(WorkflowEntity, current);
      await this.saveVersion(tx, current);
      return current;
    });
    this.hooks.forget(w.hookToken);
    return this.view(w);
  }

  private async find(m: EntityManager, id: string, lock = false): Promise<WorkflowEntity> {
    const w = isUuid(id)
      ? await m.getRepository(WorkflowEntity).findOne({ where: { id }, lock: lock ? { mode: 'pessimistic_write' } : undefined })
      : null;
    if (!w) throw new AppError(ErrorCode.NotFound, `No workflow with id ${id}.`);
    return w;
  }

  private async saveVersion(tx: EntityManager, w: WorkflowEntity): Promise<void> {
    await tx.save(WorkflowVersionEntity, { workflowId: w.id, version: w.version, document: w.document, createdAt: w.updatedAt });
  }

  private view(w: WorkflowEntity): WorkflowView {
    return workflowView(w, this.config.publicUrl);
  }
}
