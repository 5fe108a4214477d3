// The memory table's arithmetic, on the dashboard's Lambda list prices for the function's
// default architecture.
import { costPerMillionRequestsUsd, numbers } from "../../dashboards/lambdaPricing";
import { benchSettings } from "./benchStack";

/** Memory at which a function gets the equivalent of one full vCPU (Lambda developer guide). */
const fullVcpuMemoryMb = 1769;

/**
 * Duration expected at `memoryMb` for work that took `localMs` on one local core: Lambda gives
 * a function CPU in proportion to its memory, so below a full vCPU the same work takes longer.
 * An estimate for planning; a memory sweep on a deployed stack measures it.
 */
export function scaledDurationMs(localMs: number, memoryMb: number): number {
  return localMs * Math.max(1, fullVcpuMemoryMb / memoryMb);
}

/** Cost of a million invocations of `durationMs` each (billed per 1 ms, rounded up), as the dashboard prices them. */
export function costPerMillion(durationMs: number, memoryMb: number): number {
  return costPerMillionRequestsUsd(numbers, Math.ceil(durationMs), memoryMb, benchSettings.architecture);
}

export const memorySizesMb = [128, 256, 512, 1024] as const;
