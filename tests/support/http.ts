// Small HTTP helpers for tests against the local API on loopback.
import { jsonHeaders } from "../../loadtest/proposals";

/** The header of a JSON body, as the load test sends it. */
export { jsonHeaders };
export interface Reply {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  readonly json: Record<string, unknown>;
}

export async function post(url: string, body: string, headers: Record<string, string> = {}, method = "POST"): Promise<Reply> {
  const res = await fetch(url, { method, headers, body: method === "GET" || method === "HEAD" ? undefined : body });
  const text = await res.text();
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // Some replies (HEAD, gateway errors) carry no JSON.
  }
  return { status: res.status, headers: res.headers, text, json };
}

export function proposal(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { name: "Tide pools at Wembury", location: { latitude: 50.317, longitude: -4.083 }, ...overrides };
}
