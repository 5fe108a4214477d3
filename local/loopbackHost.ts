// Every local listener answers only requests addressed to loopback. Binding to 127.0.0.1 keeps
// other machines out, but not a web page: one served from a name that its DNS then points at
// 127.0.0.1 (DNS rebinding) makes the browser send requests here with that name in Host. The
// local store accepts any signature, so only the Host check keeps such a page out.
import type { IncomingMessage, ServerResponse } from "node:http";

const loopbackNames = /^(localhost|127(\.\d{1,3}){3}|\[::1\])\.?$/i;

/** Whether a Host header names loopback: localhost, 127.x.x.x or [::1], with or without a port. */
export function isLoopbackHost(host: string | undefined): boolean {
  if (host === undefined) return false;
  const name = host.replace(/:\d{1,5}$/, "");
  return loopbackNames.test(name);
}

/**
 * Answers 421 Misdirected Request, with the reason, to a request whose Host is not loopback, and
 * returns true; returns false, having written nothing, for a request to loopback.
 */
export function refuseForeignHost(req: IncomingMessage, res: ServerResponse): boolean {
  const host = req.headers.host;
  if (isLoopbackHost(host)) return false;
  const body = JSON.stringify({
    title: "Misdirected Request",
    status: 421,
    detail: `the local stack answers only requests addressed to localhost, 127.0.0.1 or [::1]; this one was addressed to ${JSON.stringify(host ?? "")}`,
  });
  res.writeHead(421, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body), Connection: "close" });
  res.end(body);
  req.resume();
  return true;
}
