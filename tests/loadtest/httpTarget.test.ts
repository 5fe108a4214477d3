// The HTTP target against servers that misbehave on loopback: one that accepts connections
// and never answers must not hold a run open for ever.
import assert from "node:assert/strict";
import { createServer, type Server, type Socket } from "node:net";
import type { AddressInfo } from "node:net";
import { httpTarget } from "../../loadtest/httpTarget";

describe("load test HTTP target", function () {
  let silent: Server;
  const sockets: Socket[] = [];

  before(async () => {
    silent = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
  });

  after(async () => {
    for (const s of sockets) s.destroy();
    await new Promise((resolve) => silent.close(resolve));
  });

  it("gives up on a request that gets no answer within its timeout", async () => {
    const { port } = silent.address() as AddressInfo;
    const target = httpTarget(`http://127.0.0.1:${port}/v1/destination`, 1, 300);
    try {
      await assert.rejects(target.send("{}", { "content-type": "application/json" }), /no answer within 300 ms/);
    } finally {
      target.close();
    }
  });
});
