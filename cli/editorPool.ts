// Which user pool the editor command talks to: the ids the stack exports (`pulumi stack output`),
// each overridable by a flag, and the region, which a user pool id starts with.
import { execFile } from "node:child_process";
import { OptionsError } from "./commandLine";

export interface EditorPool {
  readonly userPoolId: string;
  readonly clientId: string;
  readonly region: string;
}

/** Given on the command line; what is missing is read from the stack's outputs. */
export interface PoolFlags {
  readonly userPoolId?: string;
  readonly clientId?: string;
  readonly region?: string;
  readonly stack?: string;
}

/** The stack outputs the program exports for its user pool (index.ts). */
const outputNames = { userPoolId: "userPoolId", clientId: "userPoolClientId" } as const;

// A user pool id is `<region>_<id>`, e.g. eu-west-2_AbC123xyz.
const poolIdPattern = /^([a-z]{2}(?:-[a-z]+)+-\d+)_[0-9A-Za-z]+$/;

/** The region a user pool id names, or undefined when it is not one. */
export function regionOfPool(userPoolId: string): string | undefined {
  return poolIdPattern.exec(userPoolId)?.[1];
}

/** Runs `pulumi stack output --json` in the project, for the selected stack or `stack`. */
export function pulumiStackOutputs(stack: string | undefined): Promise<Record<string, unknown>> {
  const args = ["stack", "output", "--json", ...(stack ? ["--stack", stack] : [])];
  return new Promise((resolve, reject) => {
    execFile("pulumi", args, { timeout: 60_000 }, (err, stdout, stderr) => {
      if (err) {
        const why = (err as NodeJS.ErrnoException).code === "ENOENT" ? "the pulumi CLI is not installed" : stderr.trim() || err.message;
        reject(
          new Error(
            `could not read the stack's outputs with \`pulumi ${args.join(" ")}\`: ${why}\n` +
              "Select the stack (pulumi stack select), or give --user-pool-id and --client-id.",
          ),
        );
        return;
      }
      try {
        resolve(JSON.parse(stdout) as Record<string, unknown>);
      } catch {
        reject(new Error(`\`pulumi ${args.join(" ")}\` printed no JSON: ${stdout.slice(0, 200)}`));
      }
    });
  });
}

/** The pool to use: flags first, stack outputs for the rest (read only when something is missing). */
export async function resolvePool(
  flags: PoolFlags,
  readOutputs: (stack: string | undefined) => Promise<Record<string, unknown>> = pulumiStackOutputs,
): Promise<EditorPool> {
  let userPoolId = flags.userPoolId;
  let clientId = flags.clientId;
  if (userPoolId === undefined || clientId === undefined) {
    const outputs = await readOutputs(flags.stack);
    const output = (name: string): string => {
      const value = outputs[name];
      if (typeof value !== "string" || value === "") {
        throw new Error(`the stack has no output ${name}: deploy it with \`pulumi up\`, or give --user-pool-id and --client-id`);
      }
      return value;
    };
    userPoolId ??= output(outputNames.userPoolId);
    clientId ??= output(outputNames.clientId);
  }
  const region = flags.region ?? regionOfPool(userPoolId);
  if (region === undefined) {
    throw new OptionsError(`--user-pool-id must look like <region>_<id> (e.g. eu-west-2_AbC123xyz), got "${userPoolId}"`);
  }
  return { userPoolId, clientId, region };
}
