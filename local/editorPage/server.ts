// The example editor page: a web page on an origin of its own (its own port on loopback), as an
// editors' web application is, proposing destinations to the local API across origins. It is how
// `npm start` shows cross-origin requests working, and the local stack allows its origin by default.
import { once } from "node:events";
import { readFile } from "node:fs/promises";
import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";

/** What the page needs to call the API: where it is, and the headers a signed-in editor sends. */
interface EditorPageConfig {
  readonly destinationUrl: string;
  /** The sample editor's Authorization and x-api-key; none when the stack runs without auth. */
  readonly headers: Readonly<Record<string, string>>;
}

export interface EditorPage {
  /** The page's origin, as browsers send it in Origin: what corsOrigins must list. */
  readonly origin: string;
  readonly url: string;
  readonly server: Server;
  /** Tells the page the API it calls, once that runs. */
  configure(config: EditorPageConfig): void;
  close(): Promise<void>;
}

const pageDir = join(__dirname, "page");
const assets: Readonly<Record<string, { readonly file: string; readonly type: string }>> = {
  "/": { file: join(pageDir, "editor.html"), type: "text/html; charset=utf-8" },
  "/editor.js": { file: join(pageDir, "editor.js"), type: "text/javascript; charset=utf-8" },
};

/** Serves the page on 127.0.0.1:`port` (0 picks a free one). */
export async function startEditorPage(port: number): Promise<EditorPage> {
  let config: EditorPageConfig | undefined;
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://local").pathname;
    if (req.method !== "GET") return send(res, 405, "text/plain", "GET only");
    if (path === "/config.json") {
      return config ? send(res, 200, "application/json", JSON.stringify(config)) : send(res, 503, "text/plain", "the API is not up yet");
    }
    const asset = assets[path];
    if (!asset) return send(res, 404, "text/plain", `no ${path}`);
    readFile(asset.file).then(
      (body) => send(res, 200, asset.type, body),
      () => send(res, 500, "text/plain", "the page's files are missing"),
    );
  });
  server.listen(port, "127.0.0.1");
  await once(server, "listening");
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    url: `${origin}/`,
    server,
    configure: (c) => {
      config = c;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, { "Content-Type": type, "Content-Length": Buffer.byteLength(body), "Cache-Control": "no-store" });
  res.end(body);
}
