// DynamoDB cost per proposal: the write units of the item the event store really writes, for a
// typical and for the largest allowed proposal, by the capacity calculator and as the
// embedded DynamoDB reports them.
import { eventsTableName } from "../config/names";
import { localDynamoClient, startLocalDynamo } from "../local/dynamodb/server";
import type { Benchmark, TargetCheck } from "./lib/benchmark";
import { benchSettings, benchStack } from "./lib/benchStack";
import { largestProposal, largestRequest, typicalProposal, typicalRequest } from "./lib/proposals";
import { storedProposalCost, type RequestShape } from "./lib/storedProposal";

interface Cost {
  readonly label: string;
  readonly bytes: number;
  readonly calculated: number;
  readonly reported: number;
}

export const benchmark: Benchmark = {
  name: "dynamodb cost",
  async run() {
    const tableName = eventsTableName(benchStack);
    const dynamo = await startLocalDynamo({
      port: 0,
      tableName,
      readCapacity: benchSettings.readCapacity,
      writeCapacity: benchSettings.writeCapacity,
      capacity: "unlimited",
    });
    const client = localDynamoClient(dynamo.endpoint);
    try {
      const cost = async (label: string, body: unknown, request: RequestShape): Promise<Cost> => ({
        label,
        ...(await storedProposalCost(client, tableName, body, request)),
      });
      const typical = await cost("typical", typicalProposal, typicalRequest);
      const largest = await cost("largest", largestProposal, largestRequest);
      const agree = (c: Cost): boolean => c.calculated === c.reported;
      const targets: TargetCheck[] = [
        {
          name: "typical proposal WCU",
          target: "= 1 WCU",
          measured: `${typical.calculated} WCU (${typical.bytes} B)`,
          met: typical.calculated === 1,
        },
        {
          name: "calculator = store, typical",
          target: "equal",
          measured: `${typical.calculated} / ${typical.reported} WCU`,
          met: agree(typical),
        },
        // The largest item is mostly non-ASCII on purpose, as that is what makes it largest.
        {
          name: "calculator = store, largest",
          target: "equal",
          measured: `${largest.calculated} / ${largest.reported} WCU`,
          met: agree(largest),
        },
      ];
      return {
        lines: [typical, largest].map(
          (c) => `${c.label.padEnd(8)} item ${c.bytes} B -> ${c.calculated} WCU by the calculator, ${c.reported} WCU reported by the store`,
        ),
        ratios: [
          { name: "write units: largest / typical proposal", measured: largest.calculated, baseline: typical.calculated, unit: "WCU" },
        ],
        targets,
      };
    } finally {
      client.destroy();
      await dynamo.close();
    }
  },
};
