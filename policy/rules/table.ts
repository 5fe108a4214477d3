// The events table keeps its data: encrypted with a KMS key, restorable to any second of the
// last 35 days, and on prod-like stacks protected from deletion.
import { isProdLike } from "../../config/spec";
import { ofType, types, violation, type ProjectPolicy, type Violation } from "../projectPolicy";

export const tableProtection: ProjectPolicy = {
  name: "table-protection",
  description: "Every DynamoDB table has server-side encryption and point-in-time recovery; on prod-like stacks, deletion protection.",
  check: (stack) =>
    ofType(stack, types.table).flatMap((t): Violation[] => {
      const problems: Violation[] = [];
      if ((t.props.serverSideEncryption as { enabled?: boolean } | undefined)?.enabled !== true)
        problems.push(violation(t, "server-side encryption with a KMS key is off"));
      if ((t.props.pointInTimeRecovery as { enabled?: boolean } | undefined)?.enabled !== true)
        problems.push(violation(t, "point-in-time recovery is off"));
      if (isProdLike(stack.stack) && t.props.deletionProtectionEnabled !== true)
        problems.push(violation(t, `deletion protection is off on the prod-like stack ${stack.stack}`));
      return problems;
    }),
};
