// What Powertools Tracer takes from aws-xray-sdk-core, and the SDK's own start-up, without the
// rest of its root module: the bundle resolves the package's root import to this module
// (components/xrayPlugins.ts). The root module also loads, at every cold start, the EC2, ECS and
// Beanstalk plugins, the promise and SQL helpers and the AWS SDK v2 patcher with semver; none
// of them is used here. The function's clients are AWS SDK v3 clients, so the v2 patcher is not
// bundled at all, and Tracer's v2 methods say so if called.
// Which SDK functions these are: @aws-lambda-powertools/tracer's ProviderService and Tracer.
import * as capture from "aws-xray-sdk-core/dist/lib/capture";
import * as contextUtils from "aws-xray-sdk-core/dist/lib/context_utils";
import { setDaemonAddress } from "aws-xray-sdk-core/dist/lib/daemon_config";
import { init as initLambda } from "aws-xray-sdk-core/dist/lib/env/aws_lambda";
import { setLogger } from "aws-xray-sdk-core/dist/lib/logger";
import { captureAWSClient as captureAWSv3Client } from "aws-xray-sdk-core/dist/lib/patchers/aws3_p";
import { captureHTTPsGlobal } from "aws-xray-sdk-core/dist/lib/patchers/http_p";
import Subsegment from "aws-xray-sdk-core/dist/lib/segments/attributes/subsegment";
import Segment from "aws-xray-sdk-core/dist/lib/segments/segment";
// The module itself, not a namespace copy of it: its setters assign to `this`, which Segment reads.
import segmentUtils from "aws-xray-sdk-core/dist/lib/segments/segment_utils";
// Named imports, so that the bundle keeps these two fields of the package file, not all of it.
import { name as sdkName, version as sdkVersion } from "aws-xray-sdk-core/package.json";

const noAwsV2 = (): never => {
  throw new Error("AWS SDK v2 clients are not traced in this bundle: trace v3 clients with tracer.captureAWSv3Client");
};

// The SDK data every segment carries, and the Lambda set-up, as the SDK's root module does.
const unknown = "unknown";
segmentUtils.setSDKData({ sdk: "X-Ray for Node.js", sdk_version: sdkVersion, package: sdkName });
segmentUtils.setServiceData({
  runtime: process.release?.name ?? unknown,
  runtime_version: process.version,
  version: process.env.npm_package_version || unknown,
  name: process.env.npm_package_name || unknown,
});
if (process.env.LAMBDA_TASK_ROOT) initLambda();

export default {
  captureAWS: noAwsV2,
  captureAWSClient: noAwsV2,
  captureAWSv3Client,
  captureAsyncFunc: capture.captureAsyncFunc,
  captureFunc: capture.captureFunc,
  captureHTTPsGlobal,
  getNamespace: contextUtils.getNamespace,
  getSegment: contextUtils.getSegment,
  setSegment: contextUtils.setSegment,
  setContextMissingStrategy: contextUtils.setContextMissingStrategy,
  setDaemonAddress,
  setLogger,
  Segment,
  Subsegment,
};
