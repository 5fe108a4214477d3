// The report of a load-test run in a test, built as `npm run loadtest` builds it: from what the
// run was asked to do (its headers redacted), at fixed sizing options.
import { dynamoDbPrices } from "../../aws/prices";
import { buildReport, type Report, type ReportTarget } from "../../loadtest/report";
import type { RunOptions, RunResult } from "../../loadtest/run";

export function reportOf(kind: ReportTarget["kind"], options: RunOptions, result: RunResult): Report {
  return buildReport({
    target: { kind, url: options.url },
    run: options,
    ...(options.headers ? { headers: options.headers } : {}),
    result,
    sizing: { targetUtilization: 0.7, accountConcurrencyLimit: 1000, prices: dynamoDbPrices },
  });
}
