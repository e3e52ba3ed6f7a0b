import { createConnection, createServer } from 'node:net';

/** A loopback port that was free a moment ago (the OS picks it; the small race is acceptable for tests). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address !== null
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

/** Resolves true when something accepts TCP connections on the port (or at the URL's host and port). */
export function accepts(target: number | string): Promise<boolean> {
  const { host, port } =
    typeof target === 'number'
      ? { host: '127.0.0.1', port: target }
      : { host: new URL(target).hostname, port: Number(new URL(target).port) };
  return new Promise((resolve) => {
    const socket = createConnection({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
