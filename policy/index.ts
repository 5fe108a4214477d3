// The policy pack: `pulumi preview --policy-pack policy` runs every project policy over the
// stack's resources and refuses the update on any violation. Loading this module starts the
// pack's server, so tests import the policies (policies.ts), never this.
import { PolicyPack, type PolicyResource, type StackValidationPolicy } from "@pulumi/policy";
import { projectPolicies } from "./policies";
import { stackOfUrn, type StackResource, type StackUnderPolicy } from "./projectPolicy";

function asStack(resources: readonly PolicyResource[]): {
  stack: StackUnderPolicy;
  urnOf: (type: string, name: string) => string | undefined;
} {
  const plain: StackResource[] = resources.map((r) => ({
    type: r.type,
    name: r.name,
    props: r.props,
    dependsOn: r.dependencies.map((d) => ({ type: d.type, name: d.name })),
  }));
  const stack = { stack: resources[0] ? stackOfUrn(resources[0].urn) : "", resources: plain };
  return { stack, urnOf: (type, name) => resources.find((r) => r.type === type && r.name === name)?.urn };
}

const policies: StackValidationPolicy[] = projectPolicies.map((p) => ({
  name: p.name,
  description: p.description,
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    const { stack, urnOf } = asStack(args.resources);
    for (const v of p.check(stack)) reportViolation(v.message, v.resource ? urnOf(v.resource.type, v.resource.name) : undefined);
  },
}));

new PolicyPack("visitplannr", { policies });
