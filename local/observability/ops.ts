// Turns the ops page on for a running local stack: metrics recorded from its parts, alarms
// evaluated every period, and the page mounted under /_ops on the API's port.
import type { LocalStack } from "../stack";
import { observeLocalStack, type LocalObservability, type ObservabilityOptions } from "./localObservability";
import { opsPath, opsRoute } from "./opsRoute";

export interface Ops {
  readonly url: string;
  readonly observability: LocalObservability;
  close(): void;
}

export function startOps(stack: LocalStack, options: ObservabilityOptions = {}): Ops {
  const observability = observeLocalStack(stack, options);
  const unmount = stack.api.mount(opsPath, opsRoute(observability));
  return {
    url: `${stack.apiUrl}${opsPath}`,
    observability,
    close: () => {
      unmount();
      observability.close();
    },
  };
}

/** `--ops-period N` / OPS_PERIOD: seconds per metric period, 1 to 60 (default 60, as deployed). */
export function opsPeriodSeconds(raw: string | undefined): number {
  if (raw === undefined || raw === "") return 60;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 60) throw new Error(`--ops-period / OPS_PERIOD must be a whole number from 1 to 60, got "${raw}"`);
  return n;
}
