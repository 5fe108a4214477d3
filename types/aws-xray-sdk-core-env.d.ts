// The X-Ray SDK's Lambda set-up (no types shipped): facade segment, no centralised sampling.
declare module "aws-xray-sdk-core/dist/lib/env/aws_lambda" {
  export function init(): void;
}
