// What the X-Ray SDK's Lambda set-up (env/aws_lambda) takes from its middleware module, as the
// bundle ships it in that module's place (components/xrayPlugins.ts). The middleware's samplers
// decide whether to trace requests coming into Express or Restify; in Lambda the decision comes
// in the trace header Lambda sets, and the set-up only switches the samplers to local rules that
// nothing then reads. Without the module, its rule pollers, its HTTP client for the sampling
// API, the local sampler and its rules file stay out of the cold start.
export function disableCentralizedSampling(): void {}
