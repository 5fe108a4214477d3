// Least privilege: no statement grants a wildcard action or trusts anyone, and "*" is a resource
// only of actions that have no resource type to name.
import { actionsWithoutResourceTypes } from "../../aws/iamActions";
import { text, violation, type ProjectPolicy, type StackResource, type Violation } from "../projectPolicy";

interface Statement {
  readonly Effect?: string;
  readonly Action?: string | readonly string[];
  readonly NotAction?: unknown;
  readonly Resource?: string | readonly string[];
  readonly NotResource?: unknown;
  readonly Principal?: unknown;
}

/** The input holding each IAM resource type's policy document. */
const documentFields: Readonly<Record<string, string>> = {
  "aws:iam/rolePolicy:RolePolicy": "policy",
  "aws:iam/policy:Policy": "policy",
  "aws:iam/userPolicy:UserPolicy": "policy",
  "aws:iam/groupPolicy:GroupPolicy": "policy",
  "aws:iam/role:Role": "assumeRolePolicy",
};

function statements(r: StackResource): readonly Statement[] | undefined {
  const field = documentFields[r.type];
  const raw = field ? text(r.props[field]) : undefined;
  if (raw === undefined) return undefined;
  const doc = JSON.parse(raw) as { Statement?: Statement | Statement[] };
  return [doc.Statement ?? []].flat();
}

function statementProblems(s: Statement, trust: boolean): string[] {
  const problems: string[] = [];
  if (s.NotAction !== undefined) problems.push("NotAction grants every action it does not name");
  if (s.NotResource !== undefined) problems.push("NotResource grants on every resource it does not name");
  const actions = [s.Action ?? []].flat();
  for (const action of actions) if (action.includes("*")) problems.push(`wildcard action ${action}`);
  if (JSON.stringify(s.Principal) === '"*"' || JSON.stringify(s.Principal) === '{"AWS":"*"}') problems.push("trusts anyone");
  if (!trust && [s.Resource ?? []].flat().includes("*")) {
    const named = actions.filter((a) => !actionsWithoutResourceTypes.includes(a));
    if (named.length > 0) problems.push(`"*" as the resource of ${named.join(", ")}, which can name their resources`);
  }
  return problems;
}

export const leastPrivilege: ProjectPolicy = {
  name: "iam-least-privilege",
  description: 'No wildcard action, no trust in anyone, and "*" as a resource only of actions with no resource type.',
  check: (stack) =>
    stack.resources.flatMap((r): Violation[] => {
      const found = statements(r);
      if (!found) return [];
      const trust = r.type === "aws:iam/role:Role";
      return found.flatMap((s) => statementProblems(s, trust).map((p) => violation(r, p)));
    }),
};
