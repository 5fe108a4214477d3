// The API's front door: every stage logs, traces and throttles; only its own stage invokes the
// functions; every method wants a user pool token of invited editors and a client's API key.
import {
  ofType,
  text,
  types,
  violation,
  type ProjectPolicy,
  type StackResource,
  type StackUnderPolicy,
  type Violation,
} from "../projectPolicy";

export const stageObservability: ProjectPolicy = {
  name: "stage-logs-tracing-throttling",
  description: "Every API stage writes JSON access logs, traces with X-Ray as its functions do, and throttles stage-wide.",
  check: (stack) =>
    ofType(stack, types.stage).flatMap((stage): Violation[] => {
      const problems: Violation[] = [];
      const logs = stage.props.accessLogSettings as { destinationArn?: unknown; format?: unknown } | undefined;
      if (!logs) problems.push(violation(stage, "no access logs"));
      else {
        const format = text(logs.format);
        if (format !== undefined) {
          try {
            JSON.parse(format);
          } catch {
            problems.push(violation(stage, "access log format is not JSON"));
          }
        }
      }
      const functionsTrace = ofType(stack, types.function).some(
        (fn) => (fn.props.tracingConfig as { mode?: string } | undefined)?.mode === "Active",
      );
      if (functionsTrace && stage.props.xrayTracingEnabled !== true) problems.push(violation(stage, "X-Ray tracing is off"));
      if (!functionsTrace && stage.props.xrayTracingEnabled === true)
        problems.push(violation(stage, "traces with X-Ray while the functions do not"));
      const stageName = text(stage.props.stageName);
      if (stageName !== undefined) {
        const settings = ofType(stack, types.methodSettings)
          .filter((m) => m.props.stageName === stageName && m.props.methodPath === "*/*")
          .map((m) => (m.props.settings ?? {}) as { throttlingRateLimit?: number; throttlingBurstLimit?: number });
        if (!settings.some((s) => Number(s.throttlingRateLimit) > 0 && Number(s.throttlingBurstLimit) > 0))
          problems.push(violation(stage, "no stage-wide throttling (method settings on */*)"));
      }
      return problems;
    }),
};

const openings = [
  "aws:lambda/functionUrl:FunctionUrl",
  "aws:apigatewayv2/api:Api",
  "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
  "aws:dynamodb/resourcePolicy:ResourcePolicy",
];

export const invokePermissions: ProjectPolicy = {
  name: "invoke-only-through-the-api",
  description: "Only one stage, method and path of the stack's REST API may invoke a function; no other entry point exists.",
  check: (stack) => [
    ...ofType(stack, types.permission).flatMap((p): Violation[] => {
      const problems: Violation[] = [];
      if (p.props.principal !== "apigateway.amazonaws.com") problems.push(violation(p, `lets ${String(p.props.principal)} invoke`));
      const source = text(p.props.sourceArn);
      if (source !== undefined && !/^arn:aws:execute-api:[^:]+:\d{12}:[^/*]+\/[^/*]+\/[A-Z]+\/\S+$/.test(source))
        problems.push(violation(p, `source ${source} is not one stage, method and path`));
      return problems;
    }),
    ...stack.resources.filter((r) => openings.includes(r.type)).map((r) => violation(r, `${r.type} opens another way in`)),
    ...ofType(stack, types.restApi).flatMap((api) => (api.props.policy === undefined ? [] : [violation(api, "has a resource policy")])),
  ],
};

export const methodAuthorization: ProjectPolicy = {
  name: "api-authorization",
  description: "Every API method but a MOCK preflight needs a Cognito user pool token (invited users only) and a client API key.",
  check: (stack) => {
    const authorizers = ofType(stack, types.authorizer);
    return [
      ...ofType(stack, types.method).flatMap((m): Violation[] => {
        const problems: Violation[] = [];
        // A preflight carries no credentials; it may stay open only as API Gateway's own answer.
        if (m.props.httpMethod === "OPTIONS" && isMockAnswer(stack, m)) return problems;
        if (m.props.authorization !== "COGNITO_USER_POOLS")
          problems.push(violation(m, `authorization is ${String(m.props.authorization)}`));
        if (m.props.apiKeyRequired !== true) problems.push(violation(m, "needs no API key"));
        if (authorizers.length === 0) problems.push(violation(m, "no authoriser in the stack checks its tokens"));
        return problems;
      }),
      ...authorizers.flatMap((a) =>
        a.props.type === "COGNITO_USER_POOLS" ? [] : [violation(a, `is a ${String(a.props.type)} authoriser`)],
      ),
      ...ofType(stack, types.userPool).flatMap((pool) =>
        (pool.props.adminCreateUserConfig as { allowAdminCreateUserOnly?: boolean } | undefined)?.allowAdminCreateUserOnly === true
          ? []
          : [violation(pool, "lets anyone sign up")],
      ),
    ];
  },
};

/** Whether a method's integration is a MOCK, answered by API Gateway without reaching anything. */
function isMockAnswer(stack: StackUnderPolicy, method: StackResource): boolean {
  const integrations = stack.resources.filter(
    (r) =>
      r.type === "aws:apigateway/integration:Integration" &&
      r.props.httpMethod === method.props.httpMethod &&
      r.props.resourceId === method.props.resourceId,
  );
  return integrations.length > 0 && integrations.every((i) => i.props.type === "MOCK");
}
