// The handler module called directly in the test process, as tests of events the HTTP adapter
// never sends do. The module reads its table and endpoint from the environment once, when it
// loads, so the process can serve one local store this way; the local stack itself runs the
// handler in execution environments of its own (local/lambda/emulator.ts).
import { lambdaEnvironment, type FunctionEnvironmentOptions } from "../../local/lambda/environment";

let boundTo: string | undefined;

/** Gives this process the function's environment, bound to one store. */
export function useFunctionEnvironment(options: FunctionEnvironmentOptions): void {
  if (boundTo && boundTo !== options.dynamoEndpoint) {
    throw new Error(`the handler in this process already talks to ${boundTo}; it can serve one store`);
  }
  Object.assign(process.env, lambdaEnvironment(options));
  boundTo = options.dynamoEndpoint;
}
