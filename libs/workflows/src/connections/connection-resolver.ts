import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { isUuid } from '@app/common';
import { ConnectionEntity } from '@app/database';
import type { ResolvedConnection } from '@app/engine';
import { SecretBox } from '@app/security';

/**
 * Connections with their secrets opened, for steps about to run. Connections never change once created,
 * so an opened one is cached until it is deleted here (other processes find it gone when they reload).
 */
@Injectable()
export class ConnectionResolver {
  private readonly cache = new Map<string, Promise<ResolvedConnection | null>>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly box: SecretBox,
  ) {}

  resolve(id: string): Promise<ResolvedConnection | null> {
    let hit = this.cache.get(id);
    if (!hit) {
      hit = this.load(id);
      hit.then((c) => c ?? this.cache.delete(id), () => this.cache.delete(id));
      this.cache.set(id, hit);
    }
    return hit;
  }

  forget(id: string): void {
    this.cache.delete(id);
  }

  open(entity: ConnectionEntity): ResolvedConnection {
    const secrets = JSON.parse(this.box.open(entity.sealedSecrets)) as Record<string, string>;
    return { id: entity.id, type: entity.type, name: entity.name, config: entity.config, secrets };
  }

  private async load(id: string): Promise<ResolvedConnection | null> {
    const entity = isUuid(id) ? await this.db.getRepository(ConnectionEntity).findOneBy({ id }) : null;
    return entity ? this.open(entity) : null;
  }
}
