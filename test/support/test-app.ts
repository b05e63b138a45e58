import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { freePort } from './free-port';
import { waitFor } from './http';
import { createTestStore, TestStore } from './test-store';

const MAINS = {
  api: join(__dirname, '../../dist/apps/api/src/main.js'),
  worker: join(__dirname, '../../dist/apps/worker/src/main.js'),
};

export interface TestApp {
  url: string;
  store: TestStore;
  process: ChildProcess;
  /** Everything the process printed, for assertions on logs and for failure reports. */
  output(): string;
  /** SIGKILL: no shutdown hooks, as in a crash or an OOM kill. */
  kill(): Promise<void>;
  /** SIGTERM, as an orchestrator stops a container; the store is kept for a restart. */
  stop(): Promise<void>;
  /** Starts the process again on the same store and port. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The real, built hookflow (`npm test` builds first) as a child process on loopback, over a store of its own:
 * tests talk to it only over HTTP, as users and the senders of webhooks do.
 */
export async function startTestApp(
  env: Record<string, string> = {},
  store?: TestStore,
  program: keyof typeof MAINS = 'api',
): Promise<TestApp> {
  const ownStore = store ?? (await createTestStore());
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const fullEnv = {
    PATH: process.env.PATH ?? '',
    LOG_LEVEL: program === 'worker' ? 'log' : 'warn',
    OUTBOUND_ALLOW_PRIVATE: 'true',
    RETRY_BASE_DELAY_MS: '20',
    SWEEP_INTERVAL_MS: '200',
    ...ownStore.env,
    HOST: '127.0.0.1',
    PORT: String(port),
    PUBLIC_URL: url,
    ...env,
  };
  let log = '';
  let child: ChildProcess;

  const launch = async () => {
    child = spawn(process.execPath, [MAINS[program]], { env: fullEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.on('data', (d: Buffer) => (log += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (log += d.toString()));
    const exited = new Promise<never>((_, reject) =>
      child.once('exit', (code) => reject(new Error(`hookflow exited with ${code} during start:\n${log}`))),
    );
    // The worker serves no HTTP: it is ready when it says so.
    const ready =
      program === 'worker'
        ? async () => (log.includes('worker started') ? true : undefined)
        : async () => ((await fetch(`${url}/health/ready`).catch(() => undefined))?.ok ? true : undefined);
    await Promise.race([waitFor(ready, 30_000, `hookflow ${program} to start`), exited]);
  };
  const stopProcess = async (signal: NodeJS.Signals) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const gone = new Promise((r) => child.once('exit', r));
    child.kill(signal);
    await gone;
  };

  await launch();
  return {
    url,
    store: ownStore,
    get process() {
      return child;
    },
    output: () => log,
    kill: () => stopProcess('SIGKILL'),
    stop: () => stopProcess('SIGTERM'),
    restart: launch,
    close: async () => {
      await stopProcess('SIGTERM');
      if (!store) await ownStore.drop();
    },
  };
}
