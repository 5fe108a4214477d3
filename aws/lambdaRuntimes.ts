// Lambda's Node.js runtimes and their deprecation schedule (Lambda developer guide, "Lambda
// runtimes": deprecation, then creating functions blocked, then updating them blocked).

export interface RuntimeSchedule {
  /** Lambda stops patching the runtime and gives it no technical support. */
  readonly deprecated: string;
  /** From this day no function can be created on the runtime. */
  readonly createBlocked?: string;
  /** From this day no function on the runtime can be updated. */
  readonly updateBlocked?: string;
}

/** Node.js runtimes a stack may choose, oldest first, with their announced deprecation. */
export const supportedNodeRuntimes = {
  "nodejs22.x": { deprecated: "2027-04-30" },
  "nodejs24.x": { deprecated: "2028-04-30" },
} as const satisfies Readonly<Record<string, RuntimeSchedule>>;

/** Node.js runtimes Lambda has deprecated: refused, whatever still runs on them. */
export const deprecatedNodeRuntimes: Readonly<Record<string, RuntimeSchedule>> = {
  "nodejs20.x": { deprecated: "2026-04-30", createBlocked: "2027-02-01", updateBlocked: "2027-03-03" },
  "nodejs18.x": { deprecated: "2025-09-01" },
  "nodejs16.x": { deprecated: "2024-06-12" },
  "nodejs14.x": { deprecated: "2023-12-04", createBlocked: "2024-01-09", updateBlocked: "2024-02-08" },
};

/** Why a deprecated runtime is refused, with its dates. */
export function deprecationText(runtime: string, s: RuntimeSchedule): string {
  const blocked = [
    s.createBlocked ? `creating functions blocked from ${s.createBlocked}` : undefined,
    s.updateBlocked ? `updating them from ${s.updateBlocked}` : undefined,
  ].filter((part) => part !== undefined);
  return `${runtime} was deprecated by Lambda on ${s.deprecated}${blocked.length > 0 ? ` (${blocked.join(", ")})` : ""}`;
}
