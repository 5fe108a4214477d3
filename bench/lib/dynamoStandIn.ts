// A DynamoDB stand-in on loopback that answers every call at once with a valid PutItem
// response, so a benchmark measures only the handler's own time, not a store's.
import { eventsTableName } from "../../config/names";
import { benchStack } from "./benchStack";
import { startInstantServer, type InstantServer } from "./instantServer";

const body = JSON.stringify({ ConsumedCapacity: { TableName: eventsTableName(benchStack), CapacityUnits: 1 } });
const headers = {
  "Content-Type": "application/x-amz-json-1.0",
  "Content-Length": String(Buffer.byteLength(body)),
  "x-amzn-RequestId": "bench",
};

export const startDynamoStandIn = (): Promise<InstantServer> => startInstantServer(headers, body);
