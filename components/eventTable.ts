// The events table, created from the shared definition, with optional target-tracking auto
// scaling of its provisioned capacity.
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { tableDefinition } from "../handlers/eventStore/table";
import type { Settings } from "../config/settings";

interface ScalingBounds {
  /** Lowest capacity units auto scaling may set. */
  readonly minCapacity: number;
  /** Highest capacity units auto scaling may set. */
  readonly maxCapacity: number;
}

interface AutoScalingArgs {
  /** Bounds of read capacity units. */
  readonly read: ScalingBounds;
  /** Bounds of write capacity units. */
  readonly write: ScalingBounds;
  /** Consumed / provisioned capacity, in percent, that auto scaling aims for. */
  readonly targetUtilization: number;
}

/**
 * How the table is billed. Auto scaling adjusts provisioned capacity, so only a PROVISIONED
 * table can have it; config/settings.ts refuses the other combinations by key.
 */
export type TableCapacity =
  | {
      readonly billingMode: "PROVISIONED";
      readonly readCapacity: number;
      readonly writeCapacity: number;
      /** Target-tracking auto scaling of the provisioned capacity; absent means fixed capacity. */
      readonly autoScaling?: AutoScalingArgs;
    }
  | { readonly billingMode: "PAY_PER_REQUEST" };

/** The table's billing from a stack's settings. */
export function tableCapacity(settings: Settings): TableCapacity {
  if (settings.billingMode !== "PROVISIONED") return { billingMode: "PAY_PER_REQUEST" };
  const autoScaling = settings.autoScaling
    ? {
        read: { minCapacity: settings.autoScalingReadMinCapacity, maxCapacity: settings.autoScalingReadMaxCapacity },
        write: { minCapacity: settings.autoScalingWriteMinCapacity, maxCapacity: settings.autoScalingWriteMaxCapacity },
        targetUtilization: settings.autoScalingTargetUtilization,
      }
    : undefined;
  return { billingMode: "PROVISIONED", readCapacity: settings.readCapacity, writeCapacity: settings.writeCapacity, autoScaling };
}

export type EventTableArgs = TableCapacity & {
  /** Physical table name. */
  readonly name: string;
  /** Refuse DeleteTable, including from `pulumi destroy`. */
  readonly deletionProtection: boolean;
  /** DynamoDB Streams with new images, for projections. */
  readonly streamEnabled: boolean;
};

const scaledDimensions = [
  { role: "read", dimension: "dynamodb:table:ReadCapacityUnits", metric: "DynamoDBReadCapacityUtilization" },
  { role: "write", dimension: "dynamodb:table:WriteCapacityUnits", metric: "DynamoDBWriteCapacityUtilization" },
] as const;

export function createEventTable(prefix: string, args: EventTableArgs, parent: pulumi.Resource): aws.dynamodb.Table {
  const provisioned = args.billingMode === "PROVISIONED" ? args : undefined;
  const scaling = provisioned?.autoScaling;
  const table = new aws.dynamodb.Table(
    `${prefix}-events`,
    {
      name: args.name,
      billingMode: args.billingMode,
      hashKey: tableDefinition.hashKey,
      rangeKey: tableDefinition.rangeKey,
      attributes: tableDefinition.attributeDefinitions.map((d) => ({ name: d.AttributeName, type: d.AttributeType })),
      readCapacity: provisioned?.readCapacity,
      writeCapacity: provisioned?.writeCapacity,
      pointInTimeRecovery: { enabled: true },
      // Encryption with the AWS-owned key is always on; enabled: true selects the AWS-managed
      // KMS key, whose use shows up in CloudTrail.
      serverSideEncryption: { enabled: true },
      deletionProtectionEnabled: args.deletionProtection,
      streamEnabled: args.streamEnabled,
      streamViewType: args.streamEnabled ? "NEW_IMAGE" : undefined,
    },
    // Auto scaling owns the capacities once on; without this every `up` would reset them.
    { parent, ignoreChanges: scaling ? ["readCapacity", "writeCapacity"] : [] },
  );
  if (scaling) for (const d of scaledDimensions) scale(prefix, table, d, scaling, parent);
  return table;
}

function scale(
  prefix: string,
  table: aws.dynamodb.Table,
  d: (typeof scaledDimensions)[number],
  s: AutoScalingArgs,
  parent: pulumi.Resource,
): void {
  const target = new aws.appautoscaling.Target(
    `${prefix}-${d.role}-scaling`,
    {
      serviceNamespace: "dynamodb",
      resourceId: pulumi.interpolate`table/${table.name}`,
      scalableDimension: d.dimension,
      minCapacity: s[d.role].minCapacity,
      maxCapacity: s[d.role].maxCapacity,
    },
    { parent },
  );
  new aws.appautoscaling.Policy(
    `${prefix}-${d.role}-scaling`,
    {
      policyType: "TargetTrackingScaling",
      serviceNamespace: target.serviceNamespace,
      resourceId: target.resourceId,
      scalableDimension: target.scalableDimension,
      targetTrackingScalingPolicyConfiguration: {
        predefinedMetricSpecification: { predefinedMetricType: d.metric },
        targetValue: s.targetUtilization,
      },
    },
    { parent },
  );
}
