import { createServer, Server, Socket, connect } from 'node:net';
import { freePort } from '@safe-harbour/database';

/**
 * A TCP proxy on loopback in front of a real server (PostgreSQL, Redis), to take it away and bring it
 * back as a network fault would: `down()` closes every connection and refuses new ones; `up()` accepts
 * again. Nothing is mocked: the app talks to the real server through it.
 */
export class TcpProxy {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();

  private constructor(
    readonly port: number,
    private readonly target: { host: string; port: number },
  ) {}

  static async create(target: { host: string; port: number }, startUp = true): Promise<TcpProxy> {
    const proxy = new TcpProxy(await freePort(), target);
    if (startUp) await proxy.up();
    return proxy;
  }

  up(): Promise<void> {
    if (this.server) return Promise.resolve();
    const server = createServer((client) => {
      const upstream = connect(this.target.port, this.target.host);
      this.sockets.add(client).add(upstream);
      const end = () => {
        client.destroy();
        upstream.destroy();
        this.sockets.delete(client);
        this.sockets.delete(upstream);
      };
      client.on('error', end).on('close', end);
      upstream.on('error', end).on('close', end);
      client.pipe(upstream).pipe(client);
    });
    this.server = server;
    return new Promise((resolve) => server.listen(this.port, '127.0.0.1', () => resolve()));
  }

  async down(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
