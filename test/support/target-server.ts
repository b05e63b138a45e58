import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';

export interface ReceivedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
  json(): unknown;
}

type Responder = (req: ReceivedRequest, res: ServerResponse) => void;

/** A real HTTP server on loopback standing in for the systems hookflow calls; it records what it receives. */
export class TargetServer {
  readonly received: ReceivedRequest[] = [];
  private server?: Server;
  private responder: Responder = (_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ id: 'lead-1' }));
  };

  respondWith(responder: Responder): void {
    this.responder = responder;
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const received = { method: req.method!, url: req.url!, headers: req.headers, body, json: () => JSON.parse(body) };
        this.received.push(received);
        this.responder(received, res);
      });
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(this.server.address() as { port: number }).port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}
