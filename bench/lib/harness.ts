// What the cold-start, warm-path and cost-by-part benchmarks stand on: the builds to compare, a
// DynamoDB stand-in that answers at once, an X-Ray daemon sink, and the proposal they send.
import type { APIGatewayProxyEvent } from "aws-lambda";
import { buildAll, type Builds } from "./bundles";
import { startDynamoStandIn } from "./dynamoStandIn";
import { startXrayDaemonSink, type XrayDaemonSink } from "./xrayDaemonSink";
import { proposalEvent, typicalProposal } from "./proposals";

export interface Harness {
  readonly builds: Builds;
  readonly daemon: XrayDaemonSink;
  readonly endpoints: { readonly dynamo: string; readonly xrayDaemon: string };
  readonly event: APIGatewayProxyEvent;
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  const builds = await buildAll();
  const store = await startDynamoStandIn();
  const daemon = await startXrayDaemonSink();
  return {
    builds,
    daemon,
    endpoints: { dynamo: store.endpoint, xrayDaemon: daemon.address },
    event: proposalEvent(typicalProposal),
    close: async () => {
      await store.close();
      await daemon.close();
      builds.remove();
    },
  };
}
