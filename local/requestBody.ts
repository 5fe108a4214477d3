// An HTTP request's body, read whole up to a limit, for the local stack's servers (the API and
// the DynamoDB front). A body over the limit is drained, not kept, so the server can still
// answer 413 on a connection the client is not left writing into.
import type { IncomingMessage } from "node:http";

/** The body, or undefined when it is over `limitBytes`. */
export function readBody(req: IncomingMessage, limitBytes: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limitBytes) chunks.push(chunk);
    });
    req.on("end", () => resolve(size > limitBytes ? undefined : Buffer.concat(chunks)));
    req.on("error", reject);
  });
}
