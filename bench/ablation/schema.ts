// The proposal schema's parse without zod: takes the body as it is, which the bench's valid
// proposal is. What the handler's cold start and warm CPU are without zod; bundled in its
// place for the measurement only.
import type { ParseResult, Proposal } from "../../handlers/proposal/schema";

export function parseProposal(body: unknown): ParseResult {
  return { ok: true, proposal: body as Proposal };
}
