// `npm run editor`: adds editors to a deployed stack's user pool and prints an editor's ID token,
// through the Cognito API with the caller's AWS credentials (docs/editors.md).
import { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { editorsGroup } from "../handlers/auth/editor";
import { exitOnError, OptionsError, parseCommandLine } from "./commandLine";
import { addEditor, editorIdToken } from "./editorAccounts";
import { resolvePool } from "./editorPool";
import { askNewSecret, askSecret } from "./prompt";

const usage = `Usage: npm run editor -- add <email> [options]
       npm run editor -- token <email> [options]

Manages the editors of a deployed stack, with your AWS credentials (aws configure or AWS_PROFILE).

  add <email>     creates the user with a permanent password (asked for, or --password) and
                  adds them to the ${editorsGroup} group; with --invite, Cognito e-mails them a
                  temporary password to change at their first sign-in instead
  token <email>   signs the editor in and prints their ID token on stdout, for
                  Authorization: Bearer <token>; if Cognito requires a new password (after an
                  invitation), sets it (asked for, or --new-password)

Options:
  --password P           the editor's password (asked for when not given; a pipe gives one per line)
  --new-password P       token: the password to set when Cognito requires a new one
  --invite               add: send an invitation instead of setting a password
  --stack NAME           the stack whose outputs name the user pool (default: the selected stack)
  --user-pool-id ID      the user pool (default: stack output userPoolId)
  --client-id ID         the app client (default: stack output userPoolClientId)
  --region REGION        the pool's region (default: the one its id starts with)
  --endpoint URL         the Cognito endpoint (default: AWS's for the region)
  -h, --help             this help`;

const options = {
  help: { type: "boolean", short: "h" },
  password: { type: "string" },
  "new-password": { type: "string" },
  invite: { type: "boolean" },
  stack: { type: "string" },
  "user-pool-id": { type: "string" },
  "client-id": { type: "string" },
  region: { type: "string" },
  endpoint: { type: "string" },
} as const;

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const progress = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

async function main(): Promise<void> {
  const { values, positionals } = parseCommandLine({ options, strict: true, allowPositionals: true });
  if (values.help) {
    console.log(usage);
    return;
  }
  const [command, email, ...extra] = positionals;
  if (command !== "add" && command !== "token") {
    throw new OptionsError(command === undefined ? "say add or token" : `unknown command "${command}": say add or token`);
  }
  if (email === undefined) throw new OptionsError(`${command} needs the editor's e-mail address`);
  if (!emailPattern.test(email)) throw new OptionsError(`"${email}" is not an e-mail address`);
  if (extra.length > 0) throw new OptionsError(`unexpected argument "${extra[0]}"`);
  if (command === "add" && values["new-password"] !== undefined) throw new OptionsError("--new-password is for token; add sets --password");
  if (command === "token" && values.invite) throw new OptionsError("--invite is for add");
  if (values.invite && values.password !== undefined) throw new OptionsError("--invite sends a temporary password: leave out --password");
  if (values.endpoint !== undefined && !URL.canParse(values.endpoint))
    throw new OptionsError(`--endpoint must be a URL, got "${values.endpoint}"`);

  const pool = await resolvePool({
    userPoolId: values["user-pool-id"],
    clientId: values["client-id"],
    region: values.region,
    stack: values.stack,
  });
  const client = new CognitoIdentityProviderClient({ region: pool.region, ...(values.endpoint ? { endpoint: values.endpoint } : {}) });
  if (command === "add") {
    const editor = values.invite
      ? { email, invite: true as const }
      : { email, password: values.password ?? (await askNewSecret(`Password for ${email}: `, "--password")) };
    await addEditor(client, pool, editor, progress);
    return;
  }
  const token = await editorIdToken(
    client,
    pool,
    {
      email,
      password: values.password ?? (await askSecret(`Password of ${email}: `, "--password")),
      newPassword: async () => values["new-password"] ?? (await askNewSecret(`New password for ${email}: `, "--new-password")),
    },
    progress,
  );
  console.log(token);
}

/** What Cognito's refusal means for the person running the command. */
function explained(err: unknown): unknown {
  if (!(err instanceof Error)) return err;
  const hints: Readonly<Record<string, string>> = {
    UsernameExistsException: "the editor already has an account; nothing changed",
    InvalidPasswordException: "the user pool's password policy; nothing changed",
    NotAuthorizedException: "a wrong e-mail address or password",
    ResourceNotFoundException: "check --user-pool-id / --client-id, or the selected stack",
    CredentialsProviderError: "no AWS credentials: run aws configure or set AWS_PROFILE",
  };
  // Cognito's answer when the app client does not allow the flow: a stack deployed before the command.
  const hint = /flow not enabled/i.test(err.message)
    ? "the stack predates the editor command's sign-in flow: run pulumi up"
    : hints[err.name];
  return hint === undefined ? err : new Error(`${err.message} (${hint})`);
}

main().catch((err) => exitOnError("editor", "npm run editor -- --help")(explained(err)));
