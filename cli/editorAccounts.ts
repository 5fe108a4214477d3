// What `npm run editor` does in the editors' user pool: add an editor (created with a permanent
// password, or invited by e-mail) to the editors group, and sign one in for an ID token.
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminInitiateAuthCommand,
  AdminRespondToAuthChallengeCommand,
  AdminSetUserPasswordCommand,
  type AuthenticationResultType,
  type CognitoIdentityProviderClient,
} from "@aws-sdk/client-cognito-identity-provider";
import { adminSignInFlow } from "../config/editorTokens";
import { editorsGroup } from "../handlers/auth/editor";
import type { EditorPool } from "./editorPool";

export type NewEditor =
  /** Signs in at once with this password; no e-mail is sent. */
  | { readonly email: string; readonly password: string }
  /** Cognito e-mails a temporary password, to be changed at the first sign-in. */
  | { readonly email: string; readonly invite: true };

/** Says what the command is doing, on stderr, so that stdout carries only the token. */
export type Progress = (line: string) => void;

/**
 * Creates the user and adds them to the editors group. A permanent password is given as the
 * temporary one too, so a password the pool's policy refuses refuses the creation and nothing is
 * left behind; a later step that fails deletes the user again.
 */
export async function addEditor(
  client: CognitoIdentityProviderClient,
  pool: EditorPool,
  editor: NewEditor,
  progress: Progress,
): Promise<void> {
  const invite = "invite" in editor;
  const created = await client.send(
    new AdminCreateUserCommand({
      UserPoolId: pool.userPoolId,
      Username: editor.email,
      // The invitation goes to this address, and a verified address is how a password is reset.
      UserAttributes: [
        { Name: "email", Value: editor.email },
        { Name: "email_verified", Value: "true" },
      ],
      ...(invite ? { DesiredDeliveryMediums: ["EMAIL"] } : { TemporaryPassword: editor.password, MessageAction: "SUPPRESS" }),
    }),
  );
  // With e-mail as the username attribute, Cognito names the user by a generated id.
  const username = created.User?.Username ?? editor.email;
  progress(`created ${editor.email} in ${pool.userPoolId}`);
  try {
    if (!invite) {
      await client.send(
        new AdminSetUserPasswordCommand({ UserPoolId: pool.userPoolId, Username: username, Password: editor.password, Permanent: true }),
      );
      progress("set the password (permanent)");
    }
    await client.send(new AdminAddUserToGroupCommand({ UserPoolId: pool.userPoolId, Username: username, GroupName: editorsGroup }));
  } catch (err) {
    try {
      await client.send(new AdminDeleteUserCommand({ UserPoolId: pool.userPoolId, Username: username }));
      progress(`deleted ${editor.email} again`);
    } catch (cleanup) {
      progress(`could not delete ${editor.email} again (${(cleanup as Error).message}): delete the user by hand before retrying`);
    }
    throw err;
  }
  progress(`added ${editor.email} to the ${editorsGroup} group${invite ? "; Cognito e-mails them a temporary password" : ""}`);
}

export interface SignIn {
  readonly email: string;
  readonly password: string;
  /** Asked for only when Cognito requires a new password (an invited editor's first sign-in). */
  readonly newPassword: () => Promise<string>;
}

export class SignInError extends Error {
  override readonly name = "SignInError";
}

function idToken(result: AuthenticationResultType | undefined): string {
  if (!result?.IdToken) throw new SignInError("Cognito answered without an ID token");
  return result.IdToken;
}

/** Signs the editor in with the app client's admin flow and returns their ID token. */
export async function editorIdToken(
  client: CognitoIdentityProviderClient,
  pool: EditorPool,
  signIn: SignIn,
  progress: Progress,
): Promise<string> {
  const started = await client.send(
    new AdminInitiateAuthCommand({
      UserPoolId: pool.userPoolId,
      ClientId: pool.clientId,
      AuthFlow: adminSignInFlow,
      AuthParameters: { USERNAME: signIn.email, PASSWORD: signIn.password },
    }),
  );
  if (started.ChallengeName === undefined) return idToken(started.AuthenticationResult);
  if (started.ChallengeName !== "NEW_PASSWORD_REQUIRED") {
    throw new SignInError(`Cognito asks for ${started.ChallengeName}, which this command does not answer; sign in with an SRP client`);
  }
  progress("Cognito requires a new password at this first sign-in");
  const answered = await client.send(
    new AdminRespondToAuthChallengeCommand({
      UserPoolId: pool.userPoolId,
      ClientId: pool.clientId,
      ChallengeName: "NEW_PASSWORD_REQUIRED",
      Session: started.Session,
      ChallengeResponses: {
        USERNAME: started.ChallengeParameters?.USER_ID_FOR_SRP ?? signIn.email,
        NEW_PASSWORD: await signIn.newPassword(),
      },
    }),
  );
  if (answered.ChallengeName !== undefined) {
    throw new SignInError(`Cognito asks for ${answered.ChallengeName} after the new password, which this command does not answer`);
  }
  progress("set the new password");
  return idToken(answered.AuthenticationResult);
}
