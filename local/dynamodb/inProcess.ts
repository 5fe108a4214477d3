// Hands a call to dynalite's request listener in the same process, with no socket in
// between: a readable request carrying the body, and a response that captures what
// dynalite writes.
import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import type { DynamoCall, DynamoResponse } from "./wire";

export type Dispatch = (call: DynamoCall) => Promise<DynamoResponse>;

export function inProcessDispatch(listener: RequestListener): Dispatch {
  return (call) =>
    new Promise<DynamoResponse>((resolve) => {
      const request = Object.assign(Readable.from(call.body.length > 0 ? [call.body] : []), {
        method: call.method,
        url: call.url,
        headers: call.headers,
      });
      const response = new CapturedResponse(resolve);
      // dynalite uses only the members these two provide (body events, method, url, headers;
      // statusCode, setHeader, end).
      listener(request as unknown as IncomingMessage, response as unknown as ServerResponse);
    });
}

class CapturedResponse {
  statusCode = 200;
  /** dynalite stores the negotiated content type here before writing. */
  contentType: string | undefined;
  private readonly headers = new Map<string, string>();

  constructor(private readonly resolve: (response: DynamoResponse) => void) {}

  setHeader(name: string, value: string | number): this {
    this.headers.set(name.toLowerCase(), String(value));
    return this;
  }

  getHeader(name: string): string | undefined {
    return this.headers.get(name.toLowerCase());
  }

  end(chunk?: string | Buffer): this {
    const body = chunk === undefined ? Buffer.alloc(0) : Buffer.from(chunk);
    this.resolve({ status: this.statusCode, headers: Object.fromEntries(this.headers), body });
    return this;
  }
}
