// Metric filters CloudWatch Logs accepts: at most three dimensions, and dimensions only where
// the pattern names fields (JSON or space-delimited patterns).
import { maxMetricFilterDimensions } from "../../aws/cloudWatchLimits";
import { ofType, text, types, violation, type ProjectPolicy, type Violation } from "../projectPolicy";

export const metricFilterDimensions: ProjectPolicy = {
  name: "metric-filter-dimensions",
  description: `A metric filter publishes at most ${maxMetricFilterDimensions} dimensions, and only from a JSON or space-delimited pattern.`,
  check: (stack) =>
    ofType(stack, types.metricFilter).flatMap((f): Violation[] => {
      const dimensions = Object.keys(((f.props.metricTransformation ?? {}) as { dimensions?: Record<string, unknown> }).dimensions ?? {});
      if (dimensions.length === 0) return [];
      const problems: Violation[] = [];
      if (dimensions.length > maxMetricFilterDimensions)
        problems.push(violation(f, `${dimensions.length} dimensions, more than ${maxMetricFilterDimensions}`));
      const pattern = text(f.props.pattern)?.trim();
      if (pattern !== undefined && !pattern.startsWith("{") && !pattern.startsWith("["))
        problems.push(violation(f, `dimensions on the pattern ${JSON.stringify(pattern)}, which is neither JSON nor space-delimited`));
      return problems;
    }),
};
