import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { AppError, ErrorCode, isUuid } from '@app/common';
import { ConnectionEntity, WorkflowEntity } from '@app/database';
import type { ConnectionTestResult, ConnectionType } from '@app/engine';
import { SecretBox } from '@app/security';
import { ConnectionTypeRegistry } from '@app/steps';
import { ConnectionResolver } from './connection-resolver';

const input = z.object({
  type: z.string().min(1),
  name: z.string().trim().min(1, 'is required').max(200),
  config: z.record(z.string(), z.unknown()).default({}),
  secrets: z.record(z.string(), z.unknown()).default({}),
});

/** Create, list, test and delete connections. Secrets are write-only: sealed at once, never shown. */
@Injectable()
export class ConnectionService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly types: ConnectionTypeRegistry,
    private readonly box: SecretBox,
    private readonly resolver: ConnectionResolver,
  ) {}

  async create(body: unknown) {
    const given = parse(input, body, '');
    const type = this.types.get(given.type);
    if (!type) {
      const known = this.types.all().map((t) => t.type).join(', ');
      throw invalid('type', `unknown connection type "${given.type}"; known: ${known}`);
    }
    const config = parse(type.config, given.config, 'config');
    const secrets = parse(type.secrets, given.secrets, 'secrets');
    const entity: ConnectionEntity = {
      id: randomUUID(),
      type: type.type,
      name: given.name,
      config,
      sealedSecrets: this.box.seal(JSON.stringify(secrets)),
      secretNames: Object.keys(secrets),
      createdAt: new Date(),
    };
    await this.db.getRepository(ConnectionEntity).save(entity);
    return view(entity);
  }

  async list() {
    const all = await this.db.getRepository(ConnectionEntity).find({ order: { createdAt: 'DESC' } });
    return all.map(view);
  }

  async get(id: string) {
    return view(await this.find(id));
  }

  /** Checks the credentials for real; the answer says in plain words what is wrong. */
  async test(id: string): Promise<ConnectionTestResult> {
    const entity = await this.find(id);
    const type = this.types.get(entity.type);
    if (!type?.test) return { ok: true, detail: `${entity.type} connections have nothing to check before use` };
    return type.test(this.resolver.open(entity));
  }

  /** Refused while a workflow still names the connection: its runs would fail. */
  async remove(id: string): Promise<void> {
    await this.find(id);
    const users = await this.db
      .getRepository(WorkflowEntity)
      .createQueryBuilder('w')
      .select(['w.id', 'w.name'])
      .where(`w.document->'steps' @> jsonb_build_array(jsonb_build_object('connection', CAST(:id AS text)))`, { id })
      .getMany();
    if (users.length > 0) {
      throw new AppError(
        ErrorCode.Conflict,
        `Workflows still use this connection: ${users.map((w) => `${w.name} (${w.id})`).join(', ')}. Change their steps first.`,
      );
    }
    await this.db.getRepository(ConnectionEntity).delete({ id });
    this.resolver.forget(id);
  }

  /** Each connection type with the JSON Schema of its config and secrets, for forms in the UI. */
  describeTypes(): Array<Pick<ConnectionType, 'type' | 'label'> & { config: unknown; secrets: unknown }> {
    return this.types.all().map((t) => ({ type: t.type, label: t.label, config: z.toJSONSchema(t.config), secrets: z.toJSONSchema(t.secrets) }));
  }

  private async find(id: string): Promise<ConnectionEntity> {
    const entity = isUuid(id) ? await this.db.getRepository(ConnectionEntity).findOneBy({ id }) : null;
    if (!entity) throw new AppError(ErrorCode.NotFound, `No connection with id ${id}.`);
    return entity;
  }
}

function view(c: ConnectionEntity) {
  return { id: c.id, type: c.type, name: c.name, config: c.config, secretsSet: c.secretNames, createdAt: c.createdAt };
}

function parse<T>(schema: z.ZodType<T>, value: unknown, at: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const errors = result.error.issues.map((i) => ({ path: [at, ...i.path].filter((p) => p !== '').join('.'), message: i.message }));
  throw new AppError(ErrorCode.ValidationFailed, `${errors[0].path || 'body'}: ${errors[0].message}`, { errors });
}

function invalid(path: string, message: string): AppError {
  return new AppError(ErrorCode.ValidationFailed, `${path}: ${message}`, { errors: [{ path, message }] });
}
