// A UDP sink where the X-Ray daemon would listen: counts the segment documents the function
// sends, which shows that tracing is really on in what the benchmarks time.
import { createSocket } from "node:dgram";
import { once } from "node:events";

export interface XrayDaemonSink {
  /** host:port, as AWS_XRAY_DAEMON_ADDRESS takes it. */
  readonly address: string;
  readonly segments: () => number;
  close(): Promise<void>;
}

export async function startXrayDaemonSink(): Promise<XrayDaemonSink> {
  let segments = 0;
  const socket = createSocket("udp4");
  socket.on("message", () => {
    segments += 1;
  });
  socket.bind(0, "127.0.0.1");
  await once(socket, "listening");
  return {
    address: `127.0.0.1:${socket.address().port}`,
    segments: () => segments,
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}
