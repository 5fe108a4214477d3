// Functions on a runtime Lambda supports: a deprecated one gets no patches, and soon neither
// creating nor updating the function works.
import { deprecatedNodeRuntimes, deprecationText, supportedNodeRuntimes } from "../../aws/lambdaRuntimes";
import { ofType, text, types, violation, type ProjectPolicy, type Violation } from "../projectPolicy";

const supported: readonly string[] = Object.keys(supportedNodeRuntimes);

export const functionRuntime: ProjectPolicy = {
  name: "function-runtime",
  description: `Every function runs on a supported Node.js runtime (${supported.join(", ")}), never a deprecated one.`,
  check: (stack) =>
    ofType(stack, types.function).flatMap((fn): Violation[] => {
      const runtime = text(fn.props.runtime);
      if (runtime === undefined || supported.includes(runtime)) return [];
      const schedule = deprecatedNodeRuntimes[runtime];
      return [violation(fn, schedule ? deprecationText(runtime, schedule) : `runtime ${runtime} is not one of ${supported.join(", ")}`)];
    }),
};
