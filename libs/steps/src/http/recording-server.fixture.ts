import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  /** The exact bytes received, as UTF-8 text. */
  body: string;
}

export interface ScriptedAnswer {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

/**
 * Tests only: a real loopback HTTP server standing in for a service (a CRM, Slack, Discord, Teams).
 * Records every request; answers with the queued answers in turn, then with the default one.
 */
export class RecordingServer {
  readonly received: RecordedRequest[] = [];
  private readonly queued: ScriptedAnswer[] = [];

  private constructor(
    private readonly server: http.Server,
    private readonly fallback: ScriptedAnswer,
  ) {}

  static async start(fallback: ScriptedAnswer = { status: 200 }): Promise<RecordingServer> {
    let self: RecordingServer | undefined;
    const server = http.createServer((req, res) => self!.handle(req, res));
    self = new RecordingServer(server, fallback);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return self;
  }

  /** http://127.0.0.1:<port><path> */
  url(path = '/'): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}${path}`;
  }

  /** Answers for the next requests, in order. */
  answerNext(...answers: ScriptedAnswer[]): void {
    this.queued.push(...answers);
  }

  last(): RecordedRequest {
    return this.received[this.received.length - 1];
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      this.received.push({ method: req.method!, path: req.url!, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const answer = this.queued.shift() ?? this.fallback;
      res.writeHead(answer.status, answer.headers).end(answer.body ?? '');
    });
  }
}
