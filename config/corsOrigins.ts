// The origins whose web pages may call the API from a browser, from the `corsOrigins` setting:
// exact origins (scheme, host and port), compared with the Origin header as browsers send it.

/** The setting's origins: comma-separated, blanks dropped, each once. */
export function corsOriginList(setting: string): string[] {
  return [
    ...new Set(
      setting
        .split(",")
        .map((o) => o.trim())
        .filter((o) => o.length > 0),
    ),
  ];
}

/** What is wrong with one origin, or undefined when it is one as a browser sends it. */
function originProblem(origin: string): string | undefined {
  const quoted = JSON.stringify(origin);
  // A wildcard would open the API to every page on the web; each origin is named instead.
  if (origin.includes("*")) return `${quoted} is a wildcard; name each origin, such as https://editor.example.com`;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return `${quoted} is not an origin; write scheme://host[:port], such as https://editor.example.com`;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return `${quoted} is not an http or https origin`;
  if (url.username || url.password) return `${quoted} holds credentials; an origin is scheme://host[:port] only`;
  if (url.pathname !== "/" || url.search || url.hash || origin.endsWith("/")) {
    return `${quoted} has a path, query or fragment; an origin is scheme://host[:port] only (${url.origin})`;
  }
  // Browsers send the host in lower case and leave out the scheme's default port: compared
  // exactly, any other spelling would never match.
  if (url.origin !== origin) return `${quoted} is not written as a browser sends it: ${url.origin}`;
  return undefined;
}

/** What is wrong with the setting's origins, each problem once, or undefined when nothing is. */
export function corsOriginsProblem(setting: string): string | undefined {
  const problems = corsOriginList(setting)
    .map(originProblem)
    .filter((p) => p !== undefined);
  return problems.length > 0 ? problems.join("; ") : undefined;
}
