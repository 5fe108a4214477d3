// The API's client applications, from the `apiClients` setting: one API key each, deployed and local.
export function apiClientNames(setting: string): string[] {
  return [
    ...new Set(
      setting
        .split(",")
        .map((c) => c.trim())
        .filter((c) => c.length > 0),
    ),
  ];
}
