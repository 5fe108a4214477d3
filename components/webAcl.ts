// The edge in front of the stage: an AWS WAF web ACL with AWS's common rule set and a per-address
// rate limit, so that one source cannot spend the stage's throttle on everyone's behalf.
import type * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";

export interface WebAclArgs {
  /** Name of the web ACL and prefix of its metric names. */
  readonly name: string;
  /** Requests one source address may send in 5 minutes before WAF blocks it. */
  readonly ratePer5Minutes: number;
  /** The stage the web ACL guards. */
  readonly stage: aws.apigateway.Stage;
}

/**
 * The common rule set's rule blocking request bodies over 8 KB: the largest proposal the schema
 * allows is larger, and the API refuses bodies over 64 KiB itself (413), so the rule only counts.
 */
const countedCommonRules = ["SizeRestrictions_BODY"] as const;

export function createWebAcl(prefix: string, args: WebAclArgs, parent: pulumi.Resource): aws.wafv2.WebAcl {
  const opts = { parent };
  const visibility = (metric: string) => ({
    cloudwatchMetricsEnabled: true,
    metricName: `${args.name}-${metric}`,
    sampledRequestsEnabled: true,
  });
  const acl = new aws.wafv2.WebAcl(
    `${prefix}-web-acl`,
    {
      name: args.name,
      scope: "REGIONAL",
      defaultAction: { allow: {} },
      visibilityConfig: visibility("web-acl"),
      rules: [
        {
          name: "aws-common-rule-set",
          priority: 0,
          overrideAction: { none: {} },
          statement: {
            managedRuleGroupStatement: {
              vendorName: "AWS",
              name: "AWSManagedRulesCommonRuleSet",
              ruleActionOverrides: countedCommonRules.map((name) => ({ name, actionToUse: { count: {} } })),
            },
          },
          visibilityConfig: visibility("common-rule-set"),
        },
        {
          name: "rate-per-source-ip",
          priority: 1,
          action: { block: {} },
          statement: { rateBasedStatement: { limit: args.ratePer5Minutes, aggregateKeyType: "IP", evaluationWindowSec: 300 } },
          visibilityConfig: visibility("rate-per-source-ip"),
        },
      ],
    },
    opts,
  );
  new aws.wafv2.WebAclAssociation(`${prefix}-web-acl`, { resourceArn: args.stage.arn, webAclArn: acl.arn }, opts);
  return acl;
}
