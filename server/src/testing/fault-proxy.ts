import net from 'node:net';

/**
 * A TCP proxy in front of the test PostgreSQL that can fail on demand, so outage tests do not need to stop
 * (or SIGSTOP) the database the other test files share:
 *  - `down()`: closes every connection and refuses new ones (ECONNREFUSED), like a stopped server;
 *  - `hang()`: keeps connections open but forwards nothing either way, like a SIGSTOPped or black-holed one;
 *  - `up()`: back to normal (held connections resume where they were).
 */
export class FaultProxy {
  private mode: 'up' | 'down' | 'hang' = 'up';
  private server: net.Server | null = null;
  private readonly pairs = new Set<{ client: net.Socket; upstream: net.Socket | null; held: Buffer[] }>();

  private constructor(readonly port: number, private readonly target: { host: string; port: number }) {}

  static async start(target: { host: string; port: number }): Promise<FaultProxy> {
    const probe = net.createServer();
    const port = await new Promise<number>((resolve) => probe.listen(0, '127.0.0.1', () => resolve((probe.address() as net.AddressInfo).port)));
    await new Promise((r) => probe.close(r));
    const proxy = new FaultProxy(port, target);
    await proxy.listen();
    return proxy;
  }

  /** `url` with host and port pointing at the proxy. */
  rewrite(url: string): string {
    const u = new URL(url);
    u.hostname = '127.0.0.1';
    u.port = String(this.port);
    return u.toString();
  }

  private listen(): Promise<void> {
    const server = net.createServer((client) => this.accept(client));
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
  }

  private accept(client: net.Socket) {
    const pair = { client, upstream: null as net.Socket | null, held: [] as Buffer[] };
    this.pairs.add(pair);
    client.on('error', () => {});
    client.on('close', () => (pair.upstream?.destroy(), this.pairs.delete(pair)));
    client.on('data', (d) => (pair.upstream && this.mode === 'up' ? pair.upstream.write(d) : pair.held.push(d)));
    if (this.mode === 'hang') client.pause();
    else this.connectUpstream(pair);
  }

  private connectUpstream(pair: { client: net.Socket; upstream: net.Socket | null; held: Buffer[] }) {
    const upstream = net.connect(this.target.port, this.target.host);
    pair.upstream = upstream;
    upstream.on('error', () => pair.client.destroy());
    upstream.on('close', () => pair.client.destroy());
    upstream.on('data', (d) => pair.client.write(d));
    upstream.on('connect', () => {
      for (const d of pair.held.splice(0)) upstream.write(d);
    });
  }

  /** Like a stopped database: open connections are cut, new ones refused. */
  async down(): Promise<void> {
    this.mode = 'down';
    const server = this.server;
    this.server = null;
    for (const p of this.pairs) {
      p.upstream?.destroy();
      p.client.destroy();
    }
    this.pairs.clear();
    if (server) await new Promise((r) => server.close(r));
  }

  /** Like a SIGSTOPped database: connections open, nothing answered. */
  hang(): void {
    this.mode = 'hang';
    for (const p of this.pairs) {
      p.client.pause();
      p.upstream?.pause();
    }
  }

  async up(): Promise<void> {
    const wasDown = this.mode === 'down';
    this.mode = 'up';
    if (wasDown || !this.server) await this.listen();
    for (const p of this.pairs) {
      if (!p.upstream) this.connectUpstream(p);
      else for (const d of p.held.splice(0)) p.upstream.write(d);
      p.client.resume();
      p.upstream?.resume();
    }
  }

  async close(): Promise<void> {
    await this.down();
  }
}
