/**
 * A loopback TCP proxy for link faults: it forwards both ways, and when told to, resets the client's
 * connection at the moment the server's answer arrives (the server has committed, the PC never hears).
 */
import net from 'node:net';

export interface TcpProxy {
  url: string;
  /** Answers to swallow (with a connection reset) before forwarding again. */
  dropAnswers: number;
  dropped: number;
  close(): Promise<void>;
}

export async function startTcpProxy(targetPort: number): Promise<TcpProxy> {
  const sockets = new Set<net.Socket>();
  const proxy: TcpProxy = { url: '', dropAnswers: 0, dropped: 0, close: async () => undefined };
  const server = net.createServer((client) => {
    const upstream = net.connect(targetPort, '127.0.0.1');
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => undefined);
    }
    client.on('data', (chunk) => upstream.write(chunk));
    client.on('close', () => upstream.destroy());
    upstream.on('data', (chunk) => {
      if (proxy.dropAnswers > 0) {
        proxy.dropAnswers--;
        proxy.dropped++;
        client.resetAndDestroy();
        upstream.destroy();
        return;
      }
      client.write(chunk);
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
