import { createServer, type Server } from 'node:http';

/** An HTTP endpoint standing in for an agency's system: records every notification it receives. */
export class WebhookReceiver {
  readonly calls: { type: string; referralId?: string; idempotencyKey: string }[] = [];
  /** Requests that have arrived, answered or not yet. */
  arrivals = 0;
  private server: Server | null = null;
  private gate: { promise: Promise<void>; open: () => void } | null = null;
  port = 0;

  constructor(private readonly delayMs: () => number = () => 0) {}

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        this.arrivals++;
        const parsed = JSON.parse(body) as { type: string; referralId?: string };
        const gate = this.gate?.promise;
        setTimeout(() => {
          void (gate ?? Promise.resolve()).then(() => {
            this.calls.push({
              type: parsed.type,
              referralId: parsed.referralId,
              idempotencyKey: String(req.headers['idempotency-key']),
            });
            res.writeHead(204).end();
          });
        }, this.delayMs());
      });
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', () => r()));
    const address = this.server.address();
    this.port = typeof address === 'object' && address ? address.port : 0;
  }

  /** From now on, requests are held open, unanswered, until `release()`. */
  hold(): void {
    let open!: () => void;
    const promise = new Promise<void>((r) => (open = r));
    this.gate = { promise, open };
  }

  /** Answers the held requests (and the next ones at once). */
  release(): void {
    this.gate?.open();
    this.gate = null;
  }

  /** Requests that have arrived and are not answered yet: calls in flight in the caller. */
  get inFlight(): number {
    return this.arrivals - this.calls.length;
  }

  get url() {
    return `http://127.0.0.1:${this.port}/notify`;
  }

  referrals(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const c of this.calls)
      if (c.type === 'referral.delivered' && c.referralId)
        counts.set(c.referralId, (counts.get(c.referralId) ?? 0) + 1);
    return counts;
  }

  async stop(): Promise<void> {
    this.release();
    await new Promise((r) => this.server?.close(r));
  }
}
