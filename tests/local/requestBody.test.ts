// The local servers' request bodies: read whole up to a limit; past it, drained so that the
// client still gets the server's answer. Real HTTP on loopback.
import assert from "node:assert/strict";
import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { readBody } from "../../local/requestBody";
import { post } from "../support/http";

const limitBytes = 64 * 1024;

describe("local request bodies", () => {
  let server: Server;
  let url: string;

  before(async () => {
    server = createServer(async (req, res) => {
      const body = await readBody(req, limitBytes);
      if (body === undefined) res.writeHead(413).end();
      else res.writeHead(200).end(`${body.length}:${body.subarray(0, 8).toString("utf8")}`);
    });
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  after(() => server.close());

  it("returns a body at the limit whole, in order", async () => {
    // ASCII, so characters and bytes agree.
    const reply = await post(url, "first".padEnd(limitBytes, "a"));
    assert.equal(reply.status, 200);
    assert.equal(reply.text, `${limitBytes}:firstaaa`);
  });

  it("answers a body one byte over the limit, and a far larger one, with the server's 413", async () => {
    for (const size of [limitBytes + 1, 40 * limitBytes]) {
      const reply = await post(url, "b".repeat(size));
      assert.equal(reply.status, 413, `${size} bytes`);
    }
  });
});
