// Logs that are kept for a known time, and functions whose logs and traces the operations view
// can read: JSON format (the platform.report metric filters need it), their own log group,
// created before them, and active tracing.
import { ofType, text, types, violation, type ProjectPolicy, type Violation } from "../projectPolicy";

export const logRetention: ProjectPolicy = {
  name: "log-retention",
  description: "Every log group has a retention: none keeps logs (and their cost) forever.",
  check: (stack) =>
    ofType(stack, types.logGroup).flatMap((lg) =>
      Number(lg.props.retentionInDays) > 0 ? [] : [violation(lg, "keeps its logs forever (no retentionInDays)")],
    ),
};

export const functionTelemetry: ProjectPolicy = {
  name: "function-logs-and-tracing",
  description: "Every function logs JSON to its own log group, created before it, and traces actively unless tracing is off for the stack.",
  check: (stack) =>
    ofType(stack, types.function).flatMap((fn): Violation[] => {
      const problems: Violation[] = [];
      const logging = (fn.props.loggingConfig ?? {}) as { logFormat?: string; logGroup?: unknown };
      if (logging.logFormat !== "JSON") problems.push(violation(fn, `logs in ${logging.logFormat ?? "Text"} format, not JSON`));
      const name = text(fn.props.name);
      if (name !== undefined) {
        const logGroup = ofType(stack, types.logGroup).find((lg) => lg.props.name === `/aws/lambda/${name}`);
        if (!logGroup) problems.push(violation(fn, `no log group /aws/lambda/${name} in the stack`));
        else {
          const target = text(logging.logGroup);
          if (target !== undefined && target !== logGroup.props.name)
            problems.push(violation(fn, `logs to ${target}, not its own log group`));
          if (!fn.dependsOn.some((d) => d.type === types.logGroup && d.name === logGroup.name))
            problems.push(violation(fn, "may start before its log group exists, and log to one without retention"));
        }
      }
      // The tracing setting turns X-Ray and Powertools Tracer off together; one without the other
      // either loses traces or pays for segments nobody asked for.
      const tracerOff =
        (fn.props.environment as { variables?: Record<string, unknown> } | undefined)?.variables?.["POWERTOOLS_TRACE_ENABLED"] === "false";
      const active = (fn.props.tracingConfig as { mode?: string } | undefined)?.mode === "Active";
      if (!tracerOff && !active) problems.push(violation(fn, "tracing is not Active"));
      if (tracerOff && active) problems.push(violation(fn, "traces with X-Ray while Powertools Tracer is off"));
      return problems;
    }),
};
