// What the bundle leaves out of aws-xray-sdk-core, the tracer under Powertools Tracer: modules a
// Lambda function never executes, kept out of the cold start. Nothing the function executes is
// replaced; handlers/tracing/ says why for each module, and tests/pulumi/xrayOmissions.test.ts
// fails, naming the omission, if the SDK or Tracer starts needing what is left out.
import { readFileSync } from "node:fs";
import * as path from "node:path";
import type * as esbuild from "esbuild";

const tracingDir = path.resolve(__dirname, "..", "handlers", "tracing");

/**
 * AWS services whose calls the function makes, by the X-Ray SDK's service name. Their request
 * and response fields (table name, consumed capacity, …) are what the SDK records on each AWS
 * subsegment; its list for other services (S3, SQS, SNS, …) would be evaluated at every cold start.
 * A client of another service needs its name here, or its subsegments carry no fields.
 */
export const tracedAwsServices: readonly string[] = ["dynamodb"];

// The SDK's root import (not its files) resolves to the part Powertools Tracer uses.
const sdkRoot: esbuild.Plugin = {
  name: "xray-sdk-root",
  setup(build) {
    build.onResolve({ filter: /^aws-xray-sdk-core$/ }, () => ({ path: path.join(tracingDir, "xraySdk.ts") }));
  },
};

// The Lambda set-up's middleware import resolves to the one call it makes there.
const lambdaSampling: esbuild.Plugin = {
  name: "xray-lambda-sampling",
  setup(build) {
    build.onResolve({ filter: /\/middleware\/mw_utils$/ }, (args) =>
      /[\\/]aws-xray-sdk-core[\\/]dist[\\/]lib[\\/]env[\\/]aws_lambda\.js$/.test(args.importer)
        ? { path: path.join(tracingDir, "lambdaSampling.ts") }
        : undefined,
    );
  },
};

// The list of AWS request and response fields to record keeps only the services called.
const awsFieldList: esbuild.Plugin = {
  name: "xray-aws-whitelist",
  setup(build) {
    build.onLoad({ filter: /[\\/]aws-xray-sdk-core[\\/]dist[\\/]lib[\\/]resources[\\/]aws_whitelist\.json$/ }, (args) => {
      const { services } = JSON.parse(readFileSync(args.path, "utf8")) as { services: Record<string, unknown> };
      const missing = tracedAwsServices.filter((name) => !(name in services));
      if (missing.length > 0) {
        return {
          errors: [
            { text: `the X-Ray SDK's AWS whitelist has no service ${missing.join(", ")} (tracedAwsServices in components/xrayPlugins.ts)` },
          ],
        };
      }
      const kept = Object.fromEntries(tracedAwsServices.map((name) => [name, services[name]]));
      return { contents: JSON.stringify({ services: kept }), loader: "json" };
    });
  },
};

/** Each omission by name: what a test names when the SDK or Tracer starts needing what it leaves out. */
export const xrayOmissions = {
  "SDK root": sdkRoot,
  "Lambda sampling": lambdaSampling,
  "AWS field lists": awsFieldList,
} as const satisfies Readonly<Record<string, esbuild.Plugin>>;

export type XrayOmission = keyof typeof xrayOmissions;
