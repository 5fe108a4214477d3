// Turns the ops page on for a running local stack: metrics recorded from its parts, alarms
// evaluated every period, and the page mounted under /_ops on the API's port.
import type { LocalStack } from "../stack";
import { observeLocalStack, type LocalObservability, type ObservabilityOptions } from "./localObservability";
import { faviconPath, faviconRoute, opsPath, opsRoute } from "./opsRoute";

export interface Ops {
  readonly url: string;
  readonly observability: LocalObservability;
  close(): void;
}

export function startOps(stack: LocalStack, options: ObservabilityOptions = {}): Ops {
  const observability = observeLocalStack(stack, options);
  const unmountPage = stack.api.mount(opsPath, opsRoute(observability));
  const unmountIcon = stack.api.mount(faviconPath, faviconRoute);
  return {
    url: `${stack.apiUrl}${opsPath}`,
    observability,
    close: () => {
      unmountPage();
      unmountIcon();
      observability.close();
    },
  };
}
