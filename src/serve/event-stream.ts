import type { ServerResponse } from 'node:http';

export interface EventStream {
  /** Answers a request with the stream, `first` as its first event. */
  open(response: ServerResponse, event: string, first: unknown): void;
  send(event: string, data: unknown): void;
  /** Ends every open stream: an open one would keep the server from closing. */
  close(): void;
}

/** Server-sent events to every open page: one-way, and the browser reconnects by itself after a restart. */
export function createEventStream(): EventStream {
  const clients = new Set<ServerResponse>();
  const write = (response: ServerResponse, event: string, data: unknown) => response.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  return {
    open(response, event, first) {
      response.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store' });
      response.write('retry: 1000\n\n');
      write(response, event, first);
      clients.add(response);
      response.on('close', () => clients.delete(response));
    },
    send(event, data) {
      for (const response of clients) write(response, event, data);
    },
    close() {
      for (const response of clients) response.end();
      clients.clear();
    },
  };
}
