// What the cold-start, warm-path and cost-by-part benchmarks stand on: the builds each compares,
// a DynamoDB stand-in that answers at once, an X-Ray daemon sink, and the proposal they send.
import type { APIGatewayProxyEvent } from "aws-lambda";
import { buildNamed, type BuildName, type Builds } from "./bundles";
import { startDynamoStandIn } from "./dynamoStandIn";
import type { InstantServer } from "./instantServer";
import type { Endpoints } from "./lambdaProcess";
import { startXrayDaemonSink, type XrayDaemonSink } from "./xrayDaemonSink";
import { proposalEvent, typicalProposal } from "./proposals";

export interface Harness {
  readonly builds: Builds;
  readonly daemon: XrayDaemonSink;
  readonly endpoints: Endpoints;
  readonly event: APIGatewayProxyEvent;
  close(): Promise<void>;
}

export async function startHarness(buildNames: readonly BuildName[]): Promise<Harness> {
  const builds = await buildNamed(buildNames);
  let store: InstantServer | undefined;
  let daemon: XrayDaemonSink;
  try {
    store = await startDynamoStandIn();
    daemon = await startXrayDaemonSink();
  } catch (err) {
    await store?.close();
    builds.remove();
    throw err;
  }
  return {
    builds,
    daemon,
    endpoints: { dynamo: store.origin, xrayDaemon: daemon.address },
    event: proposalEvent(typicalProposal),
    close: async () => {
      await store.close();
      await daemon.close();
      builds.remove();
    },
  };
}
