// What the dashboard, alarms and metric filters observe: one stack's settings and the names of
// its resources. Names are generic so the same definitions serve plain strings (tests, the local
// ops page) and Pulumi inputs (the Observability component) without importing Pulumi here.
import type { Settings } from "../config/settings";

export interface ObservedNames<N> {
  readonly functionName: N;
  readonly logGroupName: N;
  readonly restApiName: N;
  readonly stageName: N;
  readonly tableName: N;
  /** Powertools service name of the function: the `service` dimension of its EMF metrics. */
  readonly serviceName: N;
}

export interface ObservedStack<N = string> {
  readonly project: string;
  readonly stack: string;
  readonly settings: Settings;
  readonly names: ObservedNames<N>;
}
