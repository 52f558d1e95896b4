/** A hostile HTTP server for tests of the client: plain `node:http` on 127.0.0.1, a free port,
 *  whatever the handler writes (huge, endless, truncated, slow). Started and closed by the test. */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HostileServer {
  url: string;
  /** Bytes the handlers managed to write before the client let go. */
  bytesWritten(): number;
  /** Resolves once every response begun so far has closed: finished, or let go by the client. */
  released(): Promise<void>;
  close(): Promise<void>;
}

export type HostileHandler = (req: IncomingMessage, res: ServerResponse) => void;

export async function hostileServer(handler: HostileHandler): Promise<HostileServer> {
  let written = 0;
  const open = new Set<Promise<void>>();
  const server = createServer((req, res) => {
    const closed = new Promise<void>((resolve) => res.once('close', () => resolve()));
    open.add(closed);
    void closed.then(() => open.delete(closed));
    const write = res.write.bind(res) as (chunk: string | Buffer) => boolean;
    res.write = ((chunk: string | Buffer, ...rest: unknown[]) => {
      written += Buffer.byteLength(chunk);
      return (write as (c: string | Buffer, ...r: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof res.write;
    handler(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    bytesWritten: () => written,
    released: async () => {
      while (open.size) await Promise.all([...open]);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Writes `chunk` again and again (respecting back-pressure) until about `maxBytes` or until the
 *  client goes away, then ends the response with `tail`. */
export function stream(res: ServerResponse, chunk: string, maxBytes: number, tail = ''): void {
  let sent = 0;
  const pump = () => {
    while (sent < maxBytes && !res.destroyed) {
      sent += chunk.length;
      if (!res.write(chunk)) return void res.once('drain', pump);
    }
    if (!res.destroyed) res.end(tail);
  };
  res.on('error', () => undefined);
  pump();
}
