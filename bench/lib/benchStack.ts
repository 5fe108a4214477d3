// The stack the benchmarks run and price the function as: named "bench", every setting at its
// declared default, so the figures are those of the function as a stack ships it by default.
import { projectName, type StackIdentity } from "../../config/names";
import { resolveSettings } from "../../config/settings";

export const benchStack: StackIdentity = { project: projectName, stack: "bench" };

export const benchSettings = resolveSettings(benchStack.stack);
