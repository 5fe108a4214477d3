// Every physical name the program derives from the project and stack, for any stack name
// Pulumi accepts: within AWS's rule for its kind of resource, and never shared by two stacks.
// The rules are written out here as AWS publishes them, not read from aws/nameRules.ts.
import { strict as assert } from "node:assert";
import fc from "fast-check";
import {
  accessLogGroupName,
  alarmTopicName,
  apiKeyName,
  dashboardName,
  functionLogGroupName,
  stackPrefix,
  usagePlanName,
  userPoolClientName,
} from "../../config/names";
import { stackNamespace } from "../../config/metrics";
import { alarmDefinitions, serviceUnhealthyAlarm } from "../../dashboards/alarms";
import { metricFilterDefinitions } from "../../dashboards/metricFilters";
import { observedStack } from "../dashboards/fixtures";

interface Rule {
  readonly max: number;
  readonly min: number;
  readonly chars: RegExp;
}

const rules = {
  "Lambda function": { min: 1, max: 64, chars: /^[a-zA-Z0-9_-]+$/ },
  "DynamoDB table": { min: 3, max: 255, chars: /^[a-zA-Z0-9_.-]+$/ },
  "log group": { min: 1, max: 512, chars: /^[.\-_/#A-Za-z0-9]+$/ },
  "metric filter": { min: 1, max: 512, chars: /^[^:*]+$/ },
  "SNS topic": { min: 1, max: 256, chars: /^[A-Za-z0-9_-]+$/ },
  dashboard: { min: 1, max: 255, chars: /^[A-Za-z0-9_-]+$/ },
  alarm: { min: 1, max: 255, chars: /^[^\x00-\x1f\x7f]+$/ },
  "metric namespace": { min: 1, max: 255, chars: /^[0-9A-Za-z.\-_/#:]+$/ },
  "REST API": { min: 1, max: 128, chars: /^[A-Za-z0-9_-]+$/ },
  "usage plan": { min: 1, max: 128, chars: /^[A-Za-z0-9_-]+$/ },
  "API key": { min: 1, max: 128, chars: /^[A-Za-z0-9_-]+$/ },
  "user pool": { min: 1, max: 128, chars: /^[\w\s+=,.@-]+$/ },
  "user pool client": { min: 1, max: 128, chars: /^[\w\s+=,.@-]+$/ },
} satisfies Record<string, Rule>;
type Kind = keyof typeof rules;

// The longest client name the apiClients setting accepts.
const longestClient = "c".repeat(64);

/** Every name a stack derives, by kind. */
function derivedNames(stack: string): [Kind, string][] {
  const target = observedStack(stack, { billingMode: "PROVISIONED" });
  const prefix = stackPrefix(target);
  const alarms = alarmDefinitions(target);
  return [
    ["Lambda function", target.names.functionName],
    ["DynamoDB table", target.names.tableName],
    ["log group", functionLogGroupName(target.names.functionName)],
    ["log group", accessLogGroupName(prefix)],
    ...metricFilterDefinitions(target).map((f): [Kind, string] => ["metric filter", f.filterName]),
    ["SNS topic", alarmTopicName(target)],
    ["dashboard", dashboardName(target)],
    ...alarms.map((a): [Kind, string] => ["alarm", a.name]),
    ["alarm", serviceUnhealthyAlarm(target, alarms).name],
    ["metric namespace", stackNamespace(stack)],
    ["REST API", prefix],
    ["user pool", prefix],
    ["user pool client", userPoolClientName(prefix)],
    ["usage plan", usagePlanName(prefix)],
    ["API key", apiKeyName(prefix, longestClient)],
  ];
}

function broken(stack: string): string[] {
  return derivedNames(stack).flatMap(([kind, name]) => {
    const r: Rule = rules[kind];
    const ok = name.length >= r.min && name.length <= r.max && r.chars.test(name);
    return ok ? [] : [`${kind} ${JSON.stringify(name)} (${name.length})`];
  });
}

// Pulumi stack names: letters, digits, -, _ and ., 1 to 100 characters.
const pulumiStackName = fc.stringMatching(/^[A-Za-z0-9_.-]{1,100}$/);
// Few characters, so that near-identical names (eu.staging, eu-staging, eu_staging) come up often.
const nearStackName = fc.string({ unit: fc.constantFrom("a", "b", "-", "_", "."), minLength: 1, maxLength: 100 });
const anyStackName = fc.oneof(pulumiStackName, nearStackName);

describe("names derived from the stack", () => {
  it("keep a plain stack name as it is", () => {
    assert.equal(stackPrefix({ project: "visitplannr", stack: "dev" }), "visitplannr-dev");
    assert.equal(observedStack("prod").names.functionName, "visitplannr-prod-propose-destination");
    assert.equal(stackNamespace("prod"), "visitplannr/prod");
  });

  it("fit a stack name of 32 characters whole, and shorten one of 33 with a hash", () => {
    const fits = "a".repeat(32);
    assert.equal(observedStack(fits).names.functionName, `visitplannr-${fits}-propose-destination`);
    assert.equal(observedStack(fits).names.functionName.length, 64);
    const over = observedStack("a".repeat(33)).names.functionName;
    assert.match(over, /^visitplannr-a{23}-[0-9a-f]{8}-propose-destination$/);
  });

  it("shortens feature-editor-invitations-by-email within Lambda's 64 characters", () => {
    const name = observedStack("feature-editor-invitations-by-email").names.functionName;
    assert.match(name, /^visitplannr-feature-editor-invitati-[0-9a-f]{8}-propose-destination$/);
    assert.ok(name.length <= 64, name);
    assert.deepEqual(broken("feature-editor-invitations-by-email"), []);
  });

  it("replaces the dot of eu.staging, and still tells it from eu-staging", () => {
    const dotted = observedStack("eu.staging").names.functionName;
    assert.match(dotted, /^visitplannr-eu-staging-[0-9a-f]{8}-propose-destination$/);
    assert.equal(observedStack("eu-staging").names.functionName, "visitplannr-eu-staging-propose-destination");
    assert.deepEqual(broken("eu.staging"), []);
  });

  it("hashes a stack name that ends like a hash, so no stack takes another's shortened name", () => {
    const a = observedStack("eu.staging").names.functionName;
    const lookalike = a.replace(/^visitplannr-/, "").replace(/-propose-destination$/, "");
    assert.notEqual(observedStack(lookalike).names.functionName, a);
  });

  it("refuse a name that breaks its rule, naming the resource, the name and the rule", () => {
    assert.equal(functionLogGroupName("f".repeat(500)).length, 512);
    assert.throws(
      () => functionLogGroupName("f".repeat(501)),
      /^InvalidNameError: CloudWatch log group name "\/aws\/lambda\/f{501}" \(513 characters\) breaks the rule: 1 to 512 characters: letters, digits and \.-_\/#$/,
    );
    assert.throws(
      () => apiKeyName("visitplannr-dev", "c".repeat(113)),
      /API Gateway API key name "visitplannr-dev-c{113}" \(129 characters\)/,
    );
  });

  it("are stable: the same stack always gets the same names", () => {
    assert.deepEqual(derivedNames("eu.staging"), derivedNames("eu.staging"));
  });

  it("break no AWS rule, for any stack name Pulumi accepts", () => {
    fc.assert(
      fc.property(anyStackName, (stack) => {
        assert.deepEqual(broken(stack), [], stack);
      }),
      { numRuns: 300 },
    );
  });

  it("are never shared by two different stacks", () => {
    fc.assert(
      fc.property(anyStackName, anyStackName, (a, b) => {
        fc.pre(a !== b);
        const theirs = new Set(derivedNames(b).map(([kind, name]) => `${kind}:${name}`));
        const shared = derivedNames(a).filter(([kind, name]) => theirs.has(`${kind}:${name}`));
        assert.deepEqual(shared, [], `${a} and ${b}`);
      }),
      { numRuns: 300 },
    );
  });
});
