// A DynamoDB stand-in on loopback that answers every call at once with a valid PutItem
// response, so a benchmark measures only the handler's own time, not a store's.
import { once } from "node:events";
import { createServer, type Server } from "node:http";
import { eventsTableName } from "../../config/names";
import { benchStack } from "./benchStack";

const body = JSON.stringify({ ConsumedCapacity: { TableName: eventsTableName(benchStack), CapacityUnits: 1 } });
const headers = {
  "Content-Type": "application/x-amz-json-1.0",
  "Content-Length": String(Buffer.byteLength(body)),
  "x-amzn-RequestId": "bench",
};

export interface DynamoStandIn {
  readonly endpoint: string;
  close(): Promise<void>;
}

export async function startDynamoStandIn(): Promise<DynamoStandIn> {
  const server: Server = createServer((req, res) => {
    // The request body is drained, not parsed: parsing is the store's time, not the handler's.
    req.resume();
    req.on("end", () => res.writeHead(200, headers).end(body));
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("stand-in has no port");
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
