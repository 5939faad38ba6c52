/**
 * A loopback TCP proxy for link faults: it forwards both ways, and when told to, resets the client's
 * connection at the moment the server's answer arrives (the server has committed, the PC never hears).
 * A slow lossy link: every chunk waits `delayMs` in each direction, and with probability `cutRate` (drawn
 * from `random`, seeded by the test) a chunk is not forwarded and both connections are reset instead.
 */
import net from 'node:net';

export interface TcpProxy {
  url: string;
  /** Answers to swallow (with a connection reset) before forwarding again. */
  dropAnswers: number;
  dropped: number;
  delayMs: number;
  cutRate: number;
  random: () => number;
  /** Connections cut by `cutRate`. */
  cut: number;
  close(): Promise<void>;
}

export async function startTcpProxy(targetPort: number): Promise<TcpProxy> {
  const sockets = new Set<net.Socket>();
  const proxy: TcpProxy = { url: '', dropAnswers: 0, dropped: 0, delayMs: 0, cutRate: 0, random: Math.random, cut: 0, close: async () => undefined };
  // Forwards a chunk after the link's delay (timers of equal delay fire in order, so bytes stay ordered),
  // or cuts both connections when the link loses it.
  const forward = (from: net.Socket, to: net.Socket, chunk: Buffer): void => {
    if (proxy.cutRate > 0 && proxy.random() < proxy.cutRate) {
      proxy.cut++;
      from.resetAndDestroy();
      to.resetAndDestroy();
      return;
    }
    if (proxy.delayMs === 0) to.write(chunk);
    else setTimeout(() => to.destroyed || to.write(chunk), proxy.delayMs);
  };
  const server = net.createServer((client) => {
    const upstream = net.connect(targetPort, '127.0.0.1');
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => undefined);
    }
    client.on('data', (chunk: Buffer) => forward(client, upstream, chunk));
    client.on('close', () => upstream.destroy());
    upstream.on('data', (chunk) => {
      if (proxy.dropAnswers > 0) {
        proxy.dropAnswers--;
        proxy.dropped++;
        client.resetAndDestroy();
        upstream.destroy();
        return;
      }
      forward(upstream, client, chunk);
    });
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  proxy.url = `http://127.0.0.1:${port}`;
  proxy.close = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    });
  return proxy;
}
