// AWS/Lambda metrics of the function from the emulation's invocation records: Invocations,
// Errors (unhandled errors and timeouts), Throttles, Duration and ConcurrentExecutions, under
// the FunctionName dimension. Lambda counts a throttled request as a throttle, not an
// invocation; Errors and Throttles are written as 0 or 1 per request, so a quiet function
// charts zeros rather than gaps while it serves traffic.
import { awsNamespaces } from "../../../config/metrics";
import { awsDimensions, lambdaMetrics } from "../../../dashboards/awsMetrics";
import type { InvocationRecord } from "../../lambda/runtime";
import type { MetricStore } from "../metricStore";

export function lambdaRecorder(store: MetricStore, functionName: string) {
  const dimensions = { [awsDimensions.functionName]: functionName };
  const put = (metricName: string, unit: string, value: number) =>
    store.put({ namespace: awsNamespaces.lambda, metricName, dimensions, unit, value });
  return (r: InvocationRecord): void => {
    if (r.functionName !== functionName) return;
    if (r.outcome === "throttled") {
      put(lambdaMetrics.throttles, "Count", 1);
      return;
    }
    put(lambdaMetrics.invocations, "Count", 1);
    put(lambdaMetrics.throttles, "Count", 0);
    put(lambdaMetrics.errors, "Count", r.outcome === "success" ? 0 : 1);
    put(lambdaMetrics.duration, "Milliseconds", r.durationMs);
    put(lambdaMetrics.concurrentExecutions, "Count", r.concurrentExecutions);
  };
}
