// Physical names within AWS's rule for their kind of resource (aws/nameRules.ts), so that no
// `pulumi up` stops half-way on a name a service refuses.
import { metricNamespaceRule, nameProblem, nameRules } from "../../aws/nameRules";
import { ofType, text, types, violation, type ProjectPolicy, type Violation } from "../projectPolicy";

export const awsNameRules: ProjectPolicy = {
  name: "aws-name-rules",
  description: "Every physical name, and every metric namespace, keeps to AWS's length and character rule for it.",
  check: (stack) => [
    ...Object.values(nameRules).flatMap((rule) =>
      ofType(stack, rule.type).flatMap((r): Violation[] => {
        const name = text(r.props[rule.field]);
        const problem = name === undefined ? undefined : nameProblem(rule, name);
        return problem ? [violation(r, problem)] : [];
      }),
    ),
    ...ofType(stack, types.metricFilter).flatMap((f): Violation[] => {
      const namespace = text((f.props.metricTransformation as { namespace?: unknown } | undefined)?.namespace);
      const problem = namespace === undefined ? undefined : nameProblem(metricNamespaceRule, namespace);
      return problem ? [violation(f, problem)] : [];
    }),
  ],
};
