// The mocked graphs the policy pack is held to, as the pack sees a stack, and a way to break one
// resource of a graph to see a policy fire.
import { programGraph, prodAlarmDestination, type Graph } from "../pulumi/graph";
import { isProdLike } from "../../config/spec";
import type { StackResource, StackUnderPolicy } from "../../policy/projectPolicy";

type Config = Readonly<Record<string, string | number | boolean>>;

/** Stacks with names and settings at the edges of what Pulumi and config/ accept. */
export const policyStacks: readonly { readonly title: string; readonly stack: string; readonly config: Config }[] = [
  { title: "dev", stack: "dev", config: {} },
  { title: "prod", stack: "prod", config: {} },
  {
    title: "prod with editors' pages allowed (a preflight) and tracing off",
    stack: "prod",
    config: { corsOrigins: "https://editor.example.com", tracing: "off" },
  },
  {
    title: "a configured stack (on-demand, reserved concurrency, three clients, nodejs22.x, longest retention)",
    stack: "staging",
    config: {
      billingMode: "PAY_PER_REQUEST",
      reservedConcurrency: 50,
      apiClients: `editor-web, ops-cli, ${"c".repeat(64)}`,
      runtime: "nodejs22.x",
      logRetentionDays: 3653,
      alarmEmail: "ops@example.com",
      stageName: "s".repeat(128),
    },
  },
  {
    title: "the largest accepted values (60 of 60 periods, 29 s timeout, 10240 MB, auto scaling 1 to 40000)",
    stack: "load",
    config: {
      alarmEvaluationPeriods: 60,
      alarmDatapointsToAlarm: 60,
      timeout: 29,
      memorySize: 10240,
      autoScaling: true,
      autoScalingMinCapacity: 1,
      autoScalingMaxCapacity: 40000,
      readCapacity: 40000,
      writeCapacity: 40000,
      reservedConcurrency: 0,
      apiLatencyP90Ms: 29000,
      durationTimeoutPercent: 100,
    },
  },
  {
    title: "the smallest accepted values (1 of 1 period, 1 s timeout, 1-day retention)",
    stack: "tiny",
    config: { alarmEvaluationPeriods: 1, alarmDatapointsToAlarm: 1, timeout: 1, logRetentionDays: 1, stageName: "v" },
  },
  { title: "a long stack name (feature-editor-invitations-by-email)", stack: "feature-editor-invitations-by-email", config: {} },
  { title: "a dotted stack name (eu.staging)", stack: "eu.staging", config: {} },
  { title: "a 100-character dotted prod-like stack name", stack: `prod.${"eu.".repeat(31)}x1`, config: {} },
];

function underPolicy(stack: string, g: Graph): StackUnderPolicy {
  return {
    stack,
    resources: g.data.resources.map((r) => ({ type: r.type, name: r.name, props: r.inputs, dependsOn: r.dependsOn })),
  };
}

export async function policyStack(stack: string, config: Config = {}): Promise<StackUnderPolicy> {
  // A prod-like stack deploys only with an alarm destination; the stacks here are about other rules.
  const destination = isProdLike(stack) && !("alarmEmail" in config) ? prodAlarmDestination : {};
  return underPolicy(stack, await programGraph(stack, { ...destination, ...config }));
}

/** A copy of the stack with the resources of a type (those `which` picks) changed by `change`. */
export function broken(
  stack: StackUnderPolicy,
  type: string,
  change: (props: Record<string, unknown>, r: StackResource) => void,
  which: (r: StackResource) => boolean = () => true,
): StackUnderPolicy {
  const resources = stack.resources.map((r) => {
    if (r.type !== type || !which(r)) return r;
    const props = structuredClone(r.props) as Record<string, unknown>;
    change(props, r);
    return { ...r, props };
  });
  return { ...stack, resources };
}
