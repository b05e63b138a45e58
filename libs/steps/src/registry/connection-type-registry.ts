import type { ConnectionType } from '@app/engine';

/** The connection types this process knows, by `type`. */
export class ConnectionTypeRegistry {
  private readonly types = new Map<string, ConnectionType>();

  constructor(types: ConnectionType[] = []) {
    for (const t of types) {
      if (this.types.has(t.type)) throw new Error(`connection type "${t.type}" is already registered`);
      this.types.set(t.type, t);
    }
  }

  get(type: string): ConnectionType | undefined {
    return this.types.get(type);
  }

  all(): ConnectionType[] {
    return [...this.types.values()];
  }
}
