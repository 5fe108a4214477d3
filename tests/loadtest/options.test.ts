// `npm run loadtest` options: defaults, profiles, and a clear error for each bad option.
import assert from "node:assert/strict";
import { OptionsError } from "../../cli/commandLine";
import { parseOptions, usage } from "../../loadtest/options";
import { usage as startUsage } from "../../local/options";

/** What `usage` says of `option`: its entry's text, wrapped lines joined. */
function described(text: string, option: string): string {
  const lines = text.split("\n");
  const start = lines.findIndex((l) => l.startsWith(`  ${option} `));
  assert.ok(start >= 0, `no ${option} in the help`);
  const rest = lines.slice(start + 1);
  const end = rest.findIndex((l) => !/^ {4,}\S/.test(l));
  return [lines[start]!.slice(option.length + 2), ...rest.slice(0, end < 0 ? rest.length : end)].map((l) => l.trim()).join(" ");
}

function fails(args: string[], pattern: RegExp): void {
  assert.throws(
    () => parseOptions(args),
    (err: Error) => err instanceof OptionsError && pattern.test(err.message),
  );
}

describe("load test options", function () {
  it("defaults to the local stack, 10/s Poisson for 10 s at 70 % target utilisation", function () {
    const o = parseOptions([])!;
    assert.equal(o.url, undefined);
    assert.deepEqual(o.profile, { kind: "constant", rate: 10 });
    assert.equal(o.spacing, "poisson");
    assert.equal(o.durationSeconds, 10);
    assert.equal(o.targetUtilization, 0.7);
  });

  it("returns nothing for --help", function () {
    assert.equal(parseOptions(["--help"]), undefined);
  });

  it("words --wcu, --rcu and --capacity as npm start does, for the local stack only", function () {
    for (const option of ["--wcu N, --rcu N", "--capacity unlimited"]) {
      assert.equal(described(usage, option), `local stack only: ${described(startUsage, option)}`);
    }
  });

  it("builds ramp and step profiles", function () {
    assert.deepEqual(parseOptions(["--profile", "ramp", "--ramp-from", "2", "--rate", "40"])!.profile, { kind: "ramp", from: 2, to: 40 });
    assert.deepEqual(parseOptions(["--profile", "step", "--steps", "5,10,20"])!.profile, { kind: "step", rates: [5, 10, 20] });
  });

  it("takes an API base URL and targets its /destination", function () {
    assert.equal(
      parseOptions(["--url", "https://abc.execute-api.eu-west-1.amazonaws.com/v1"])!.url,
      "https://abc.execute-api.eu-west-1.amazonaws.com/v1/destination",
    );
    assert.equal(parseOptions(["--url", "http://127.0.0.1:3000/v1/destination"])!.url, "http://127.0.0.1:3000/v1/destination");
  });

  it("names the option at fault", function () {
    fails(["--rate", "fast"], /--rate must be a number/);
    fails(["--target-utilization", "95"], /--target-utilization must be a number from 20 to 90/);
    // The account-concurrency setting refuses a quota below 10, so the load test does too.
    fails(["--account-concurrency", "5"], /--account-concurrency must be a whole number from 10 to /);
    fails(["--arrivals", "bursty"], /--arrivals must be one of even, poisson/);
    fails(["--profile", "step"], /needs --steps/);
    fails(["--steps", "1,2"], /--steps needs --profile step/);
    fails(["--size-mix", "1,2"], /three shares/);
    fails(["--retry-share", "0.6", "--invalid-share", "0.6"], /more than 1/);
    fails(["--url", "ftp://example.org"], /http or https/);
    fails(["--url", "http://127.0.0.1:3000", "--wcu", "10"], /do not apply with --url/);
    fails(["--table", "t", "--function", "f"], /give its --url/);
    fails(["--url", "http://127.0.0.1:3000", "--table", "t"], /all of --stack, --table and --function/);
    fails(["--frobnicate"], /frobnicate/);
    // Options that would otherwise be silently ignored.
    fails(["--url", "http://127.0.0.1:3000", "--cloudwatch-wait", "30"], /--cloudwatch-wait needs --stack, --table and --function/);
    fails(["--profile", "step", "--steps", "5,10", "--rate", "20"], /--rate does not apply with --profile step/);
  });

  it("refuses a run that plans no request, and a steady rate above the peak it sizes for", function () {
    fails(["--rate", "0.1", "--duration", "5"], /plans 0\.50 requests in 5 s; raise the rate or the duration/);
    fails(["--profile", "ramp", "--ramp-from", "0", "--rate", "0.2", "--duration", "5"], /plans 0\.50 requests/);
    assert.equal(parseOptions(["--rate", "0.1", "--duration", "10"])!.durationSeconds, 10);
    fails(["--rate", "10", "--steady-rate", "12"], /--steady-rate 12 is above the peak it sizes for \(10\/s, the run's peak rate\)/);
    fails(["--profile", "step", "--steps", "5,20", "--steady-rate", "25"], /above the peak it sizes for \(20\/s/);
    fails(["--rate", "10", "--target-rate", "50", "--steady-rate", "60"], /\(50\/s, --target-rate\)/);
    assert.equal(parseOptions(["--rate", "10", "--target-rate", "50", "--steady-rate", "30"])!.steadyRate, 30);
    assert.equal(parseOptions(["--rate", "10", "--steady-rate", "10"])!.steadyRate, 10);
  });

  it("reads CloudWatch only with --stack, --table and --function", function () {
    const o = parseOptions(["--url", "https://x.example/v1", "--stack", "prod", "--table", "t", "--function", "f"])!;
    assert.deepEqual(o.cloudWatch, { stack: "prod", tableName: "t", functionName: "f", waitSeconds: 180 });
  });

  it("takes repeatable --header 'Name: value', by lower-case name, trimmed", function () {
    const o = parseOptions([
      "--url",
      "http://127.0.0.1:3000/v1",
      "--header",
      "Authorization: Bearer a.b.c",
      "--header",
      "x-api-key:KEY:with:colons ",
    ])!;
    assert.deepEqual(o.headers, { authorization: "Bearer a.b.c", "x-api-key": "KEY:with:colons" });
    assert.deepEqual(parseOptions([])!.headers, {});
  });

  it("refuses a malformed header without repeating its value", function () {
    const secret = "s3cr3t-token";
    const refusedWithout = (header: string, pattern: RegExp): void =>
      assert.throws(
        () => parseOptions(["--header", "x-ok: fine", "--header", header]),
        (err: Error) => err instanceof OptionsError && pattern.test(err.message) && !err.message.includes(secret),
      );
    refusedWithout(`Bearer ${secret}`, /--header #2 must be "Name: value".*no ":"/);
    refusedWithout(`Bad Name: ${secret}`, /--header #2 .*not a header name/);
    refusedWithout("x-api-key:   ", /--header x-api-key has no value/);
    refusedWithout(`x-api-key: ${secret}\r\nx-evil: 1`, /x-api-key: the value may not contain line breaks/);
    refusedWithout(`Content-Type: ${secret}`, /Content-Type is set by the load test itself/);
    refusedWithout(`X-OK: ${secret}`, /X-OK is given more than once/);
  });

  it("starts the local stack with authentication unless --no-auth, which needs no --url", function () {
    assert.equal(parseOptions([])!.local.auth, true);
    assert.equal(parseOptions(["--no-auth"])!.local.auth, false);
    fails(["--url", "http://127.0.0.1:3000", "--no-auth"], /--no-auth .* does not apply with --url/);
  });
});
