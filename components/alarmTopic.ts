// The topic alarms notify, encrypted with a key of its own, and the destinations subscribed to
// it. CloudWatch publishes to an encrypted topic only if the key lets it encrypt: SNS asks KMS
// for a data key on the publisher's behalf, so the key policy grants CloudWatch
// kms:GenerateDataKey* and kms:Decrypt (AWS documents this for alarm actions on encrypted topics).
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";

export interface AlarmTopicArgs {
  /** Physical name of the topic. */
  readonly name: string;
  /** E-mail address to subscribe; empty for none. */
  readonly email: string;
  /** HTTPS endpoint (webhook) to subscribe; empty for none. */
  readonly httpsEndpoint: string;
}

interface KeyPolicyStatement {
  readonly Sid: string;
  readonly Effect: "Allow";
  readonly Principal: { readonly AWS: string } | { readonly Service: string };
  readonly Action: string | readonly string[];
  readonly Resource: "*";
}

/** What CloudWatch needs of the topic's key to publish an alarm to the topic. */
const cloudWatchPublishKeyActions = ["kms:Decrypt", "kms:GenerateDataKey*"] as const;

/**
 * The topic key's policy: the account administers the key through IAM, as AWS's default key
 * policy has it (without it no IAM policy could grant use of the key), and CloudWatch may encrypt.
 */
function alarmKeyPolicy(accountRoot: string): { readonly Version: "2012-10-17"; readonly Statement: readonly KeyPolicyStatement[] } {
  return {
    Version: "2012-10-17",
    Statement: [
      { Sid: "AccountAdministersKeyThroughIam", Effect: "Allow", Principal: { AWS: accountRoot }, Action: "kms:*", Resource: "*" },
      {
        Sid: "CloudWatchPublishesAlarms",
        Effect: "Allow",
        Principal: { Service: "cloudwatch.amazonaws.com" },
        Action: cloudWatchPublishKeyActions,
        Resource: "*",
      },
    ],
  };
}

export interface AlarmTopic {
  readonly topic: aws.sns.Topic;
  readonly key: aws.kms.Key;
}

export function createAlarmTopic(prefix: string, args: AlarmTopicArgs, parent: pulumi.Resource): AlarmTopic {
  const opts = { parent };
  const identity = aws.getCallerIdentityOutput({}, opts);
  const partition = aws.getPartitionOutput({}, opts);
  const key = new aws.kms.Key(
    `${prefix}-alarms-key`,
    {
      description: `Encrypts the alarm topic ${args.name}`,
      enableKeyRotation: true,
      policy: pulumi
        .all([partition.partition, identity.accountId])
        .apply(([p, account]) => JSON.stringify(alarmKeyPolicy(`arn:${p}:iam::${account}:root`))),
    },
    opts,
  );
  new aws.kms.Alias(`${prefix}-alarms-key`, { name: `alias/${args.name}`, targetKeyId: key.keyId }, opts);
  const topic = new aws.sns.Topic(`${prefix}-alarms`, { name: args.name, kmsMasterKeyId: key.arn }, opts);
  if (args.email !== "") {
    new aws.sns.TopicSubscription(`${prefix}-alarms-email`, { topic: topic.arn, protocol: "email", endpoint: args.email }, opts);
  }
  if (args.httpsEndpoint !== "") {
    new aws.sns.TopicSubscription(`${prefix}-alarms-https`, { topic: topic.arn, protocol: "https", endpoint: args.httpsEndpoint }, opts);
  }
  return { topic, key };
}
