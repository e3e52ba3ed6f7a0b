/**
 * The real `npm run serve` process (electron/host/cli.ts) and clients that misbehave on its UI
 * port: none of them may end the host, which the operator's other tabs and scripts still use.
 */
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_API_FRAME_BYTES } from '../../electron/host/api-frame-limit';
import { tempDir } from '../support/temp-dir';
import { apiClient, startHost, type HostChild } from '../reliability/support/host-child';

const data = tempDir();
let host: HostChild;

beforeAll(async () => {
  host = await startHost(data.path, 'serve-stays-up-token-0001');
});
afterAll(async () => {
  if (host.child.exitCode === null && host.child.signalCode === null) await host.kill();
  data.remove();
});

/** A raw WebSocket handshake on the UI port; resolves with the socket once the first answer bytes arrive. */
function handshake(token: string): Promise<{ socket: Socket; answer: string }> {
  const ui = new URL(host.uiUrl);
  return new Promise((done, fail) => {
    const socket = connect(Number(ui.port), '127.0.0.1', () =>
      socket.write(
        `GET /api?token=${encodeURIComponent(token)} HTTP/1.1\r\nHost: ${ui.host}\r\n` +
          'Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n' +
          'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n',
      ),
    );
    socket.once('error', fail);
    socket.once('data', (chunk) => done({ socket, answer: chunk.toString('latin1') }));
  });
}

/** The header of a masked text frame announcing `length` payload bytes (the payload never follows). */
function frameHeader(length: number): Buffer {
  const header = Buffer.alloc(14);
  header[0] = 0x81; // FIN, text
  header[1] = 0x80 | 127; // masked, 64-bit length follows
  header.writeBigUInt64BE(BigInt(length), 2);
  return header; // the 4 mask bytes stay zero
}

/** Whether the host still answers a well-behaved client, or how it ended. */
async function hostAnswers(): Promise<string> {
  const bystander = await apiClient(host.uiUrl).catch((error: unknown) => String(error));
  if (typeof bystander === 'string') return `could not connect: ${bystander} ${host.stderr().slice(-300)}`;
  const outcome = await Promise.race([
    bystander.call('app.info').then(() => 'answered'),
    host.exited.then((how) => `host exited (${how}): ${host.stderr().slice(-300)}`),
  ]);
  bystander.close();
  return outcome;
}

describe('npm run serve stays up for its other clients', () => {
  it('when a UI connection announces a message larger than the host accepts: that one is closed with 1009', async () => {
    const token = new URL(host.uiUrl).searchParams.get('token') ?? '';
    const { socket, answer } = await handshake(token);
    expect(answer).toContain('101 Switching Protocols');
    const closeFrame = new Promise<Buffer>((done) => socket.once('data', done));
    socket.on('error', () => undefined);
    socket.write(frameHeader(MAX_API_FRAME_BYTES + 1));
    // A close frame: opcode 8, 2 bytes of payload, status 1009 (message too big).
    expect([...(await closeFrame).subarray(0, 4)]).toEqual([0x88, 0x02, 0x03, 0xf1]);
    socket.destroy();
    expect(await hostAnswers()).toBe('answered');
  });

  it('when clients without the token reset the connection instead of reading the 401', async () => {
    for (let i = 0; i < 50; i += 1) {
      const refused = await handshake('wrong').catch((error: unknown) => error);
      if (!refused || refused instanceof Error) break; // the host is gone: hostAnswers() says how
      const { socket, answer } = refused as { socket: Socket; answer: string };
      expect(answer).toContain('401 Unauthorized');
      socket.on('error', () => undefined);
      socket.resetAndDestroy();
    }
    expect(await hostAnswers()).toBe('answered');
  });
});
