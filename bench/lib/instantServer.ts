// An HTTP server on loopback that drains each request and answers it at once with one fixed
// response: what the benchmarks measure a client against when the server's own time must not count.
import { once } from "node:events";
import { createServer, type OutgoingHttpHeaders } from "node:http";

export interface InstantServer {
  /** http://127.0.0.1:<port> */
  readonly origin: string;
  close(): Promise<void>;
}

export async function startInstantServer(headers: OutgoingHttpHeaders, body: string): Promise<InstantServer> {
  const server = createServer((req, res) => {
    // The request body is drained, not parsed: parsing is the server's time, not the client's.
    req.resume();
    req.on("end", () => res.writeHead(200, headers).end(body));
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("instant server has no port");
  return {
    origin: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
