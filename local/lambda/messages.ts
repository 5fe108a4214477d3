// What the emulator and an execution environment's bootstrap (a worker thread) tell each other.
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from "aws-lambda";
import type { FunctionSettings } from "./runtime";

/** Handed to the worker when the environment starts. */
export interface BootstrapData {
  /** file: URL of the deployed bundle's entry module. */
  readonly handlerModule: string;
  readonly settings: FunctionSettings;
  readonly logStream: string;
}

export interface InvokeMessage {
  readonly requestId: string;
  readonly event: APIGatewayProxyEvent;
  /** Wall-clock deadline (ms since the epoch). */
  readonly deadline: number;
}

export interface FunctionFailure {
  readonly errorType: string;
  readonly errorMessage: string;
}

/**
 * `memoryBytes` is the environment's peak so far of its V8 heap (committed) plus memory held
 * outside the heap (buffers): what the handler's code makes the environment hold.
 */
export type EnvironmentMessage =
  | { readonly kind: "ready"; readonly memoryBytes: number }
  | ({ readonly kind: "initError" } & FunctionFailure)
  | { readonly kind: "result"; readonly requestId: string; readonly result: APIGatewayProxyResult; readonly memoryBytes: number }
  | ({ readonly kind: "error"; readonly requestId: string; readonly memoryBytes: number } & FunctionFailure);
