// The baselines' handler: the DynamoDB client and the least a handler can do for a proposal —
// parse the body, write one event with PutItem, answer 201. No validation, no idempotency, no
// logging, metrics or tracing. The bench bundles it twice: as a minified single-file CommonJS
// bundle (the naive way) and exactly as the deployed handler is bundled (the best bare way).
import { randomUUID } from "node:crypto";
import { DynamoDBClient, PutItemCommand } from "@aws-sdk/client-dynamodb";
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from "aws-lambda";
import { eventsTableVariable } from "../../config/functionEnvironment";
import { eventAttributes as a } from "../../handlers/eventStore/table";
import { streamNameFor } from "../../handlers/proposal/propose";

const client = new DynamoDBClient({});

export async function handler(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  const proposal = JSON.parse(event.body ?? "{}") as unknown;
  const destinationId = randomUUID();
  await client.send(
    new PutItemCommand({
      TableName: process.env[eventsTableVariable],
      Item: {
        [a.streamName]: { S: streamNameFor(destinationId) },
        [a.eventNumber]: { N: "0" },
        [a.data]: { S: JSON.stringify(proposal) },
      },
      ConditionExpression: `attribute_not_exists(${a.eventNumber})`,
    }),
  );
  return { statusCode: 201, body: JSON.stringify({ destinationId }) };
}
