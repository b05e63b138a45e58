import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

/**
 * PGlite (real Postgres compiled to WASM) kept in DATA_DIR and served on a loopback socket, so the app
 * reaches it with the ordinary `pg` driver — one code path for PGlite and PostgreSQL. The socket server
 * multiplexes connections and keeps a transaction on the connection that opened it.
 */
export class EmbeddedPostgres {
  private readonly logger = new Logger('EmbeddedPostgres');
  private db?: PGlite;
  private server?: PGLiteSocketServer;
  private lockFile?: string;

  constructor(
    private readonly dataDir: string,
    private readonly port = 0,
  ) {}

  /** Starts the database and returns a connection URL for `pg`. */
  async start(): Promise<string> {
    const dir = join(this.dataDir, 'pgdata');
    mkdirSync(dir, { recursive: true });
    this.lock();
    this.db = await PGlite.create({ dataDir: dir });
    this.server = new PGLiteSocketServer({ db: this.db, host: '127.0.0.1', port: this.port, maxConnections: 64 });
    await this.server.start();
    const [host, port] = this.server.getServerConn().split(':');
    const url = `postgres://postgres@${host}:${port}/postgres`;
    this.logger.log({ msg: 'embedded PGlite started', dataDir: dir, psql: `psql ${url}` });
    return url;
  }

  async stop(): Promise<void> {
    await this.server?.stop();
    await this.db?.close();
    if (this.lockFile) rmSync(this.lockFile, { force: true });
  }

  /** Two processes writing one PGlite directory would corrupt it; refuse with a clear reason. */
  private lock(): void {
    const file = join(this.dataDir, 'hookflow.pid');
    try {
      const pid = Number(readFileSync(file, 'utf8'));
      if (pid && pid !== process.pid && isAlive(pid)) {
        throw new Error(
          `DATA_DIR ${this.dataDir} is in use by process ${pid}. Stop it, or set DATA_DIR to another folder; ` +
            'to run several processes, set DATABASE_URL to a PostgreSQL server.',
        );
      }
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    writeFileSync(file, String(process.pid));
    this.lockFile = file;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
