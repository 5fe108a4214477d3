// What the mocked AWS provider answers: the attributes AWS would compute for the resource types
// the program creates, and the few invokes the program may call.
import type * as pulumi from "@pulumi/pulumi";
import { defaultRegion } from "../../config/names";

export const mockAccount = "123456789012";
export const mockRegion = defaultRegion;

const mockedInvokes: Readonly<Record<string, Record<string, unknown>>> = {
  "aws:index/getRegion:getRegion": { name: mockRegion, region: mockRegion, id: mockRegion },
  "aws:index/getCallerIdentity:getCallerIdentity": {
    accountId: mockAccount,
    arn: `arn:aws:iam::${mockAccount}:user/test`,
    userId: "AIDATEST",
  },
  "aws:index/getPartition:getPartition": { partition: "aws", dnsSuffix: "amazonaws.com" },
};

type Inputs = Record<string, unknown>;

/** The resource's state: its inputs plus the attributes its type computes. */
function mockState(type: string, name: string, inputs: Inputs): Inputs {
  const physical = typeof inputs.name === "string" ? inputs.name : `${name}-physical`;
  const arn = (service: string, resource: string): string => `arn:aws:${service}:${mockRegion}:${mockAccount}:${resource}`;
  switch (type) {
    case "aws:dynamodb/table:Table":
      return {
        ...inputs,
        name: physical,
        arn: arn("dynamodb", `table/${physical}`),
        streamArn: arn("dynamodb", `table/${physical}/stream/1`),
      };
    case "aws:cloudwatch/logGroup:LogGroup":
      return { ...inputs, name: physical, arn: arn("logs", `log-group:${physical}`) };
    case "aws:iam/role:Role":
      return { ...inputs, name: physical, arn: `arn:aws:iam::${mockAccount}:role/${physical}` };
    case "aws:lambda/function:Function": {
      const fnArn = arn("lambda", `function:${physical}`);
      return {
        ...inputs,
        name: physical,
        arn: fnArn,
        invokeArn: `arn:aws:apigateway:${mockRegion}:lambda:path/2015-03-31/functions/${fnArn}/invocations`,
      };
    }
    case "aws:cognito/userPool:UserPool":
      return {
        ...inputs,
        arn: arn("cognito-idp", `userpool/${mockRegion}_${name}`),
        endpoint: `cognito-idp.${mockRegion}.amazonaws.com/${mockRegion}_${name}`,
      };
    case "aws:apigateway/restApi:RestApi":
      return { ...inputs, rootResourceId: `${name}-root`, executionArn: arn("execute-api", `${name}-id`) };
    case "aws:apigateway/stage:Stage":
      return {
        ...inputs,
        invokeUrl: `https://${String(inputs.restApi)}.execute-api.${mockRegion}.amazonaws.com/${String(inputs.stageName)}`,
        executionArn: arn("execute-api", `${String(inputs.restApi)}/${String(inputs.stageName)}`),
        arn: `arn:aws:apigateway:${mockRegion}::/restapis/${String(inputs.restApi)}/stages/${String(inputs.stageName)}`,
      };
    case "aws:wafv2/webAcl:WebAcl":
      return { ...inputs, arn: arn("wafv2", `regional/webacl/${String(inputs.name)}/${name}-id`) };
    case "aws:cloudwatch/metricAlarm:MetricAlarm":
      return { ...inputs, arn: arn("cloudwatch", `alarm:${String(inputs.name)}`) };
    case "aws:cloudwatch/compositeAlarm:CompositeAlarm":
      return { ...inputs, arn: arn("cloudwatch", `alarm:${String(inputs.alarmName)}`) };
    case "aws:sns/topic:Topic":
      return { ...inputs, arn: arn("sns", physical) };
    case "aws:kms/key:Key":
      return { ...inputs, keyId: `${name}-key-id`, arn: arn("kms", `key/${name}-key-id`) };
    case "aws:cloudwatch/dashboard:Dashboard":
      return { ...inputs, dashboardArn: `arn:aws:cloudwatch::${mockAccount}:dashboard/${String(inputs.dashboardName)}` };
    default:
      return inputs;
  }
}

/** The mocked provider; `onResource` sees every registration (name, type, inputs) as it arrives. */
export function awsMocks(onResource: (args: pulumi.runtime.MockResourceArgs) => void = () => {}): pulumi.runtime.Mocks {
  return {
    newResource(args) {
      onResource(args);
      return { id: `${args.name}-id`, state: mockState(args.type, args.name, args.inputs as Inputs) };
    },
    call(args) {
      const result = mockedInvokes[args.token];
      if (!result) throw new Error(`invoke ${args.token} is not mocked; add it to tests/pulumi/mocks.ts`);
      return result;
    },
  };
}

export function unwrap<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply(resolve));
}
