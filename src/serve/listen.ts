import { createServer, type RequestListener, type Server } from 'node:http';

/**
 * An HTTP server listening on 127.0.0.1 only: a preview of an unpublished book is for this machine,
 * not the network. Rejects with the listen error (`EADDRINUSE`) instead of emitting it.
 */
export function listen(port: number, handler: RequestListener): Promise<Server> {
  const server = createServer(handler);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}
