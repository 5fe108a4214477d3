// The X-Ray SDK's segment emitter (aws-xray-sdk-core/dist/lib/segment_emitter), as the bundle
// ships it in its place (components/xrayPlugins.ts): the same datagrams to the same daemon address,
// with the same log messages, for less work per request. The SDK's emitter in Lambda opens and
// closes a UDP socket for every batch of sends, and serialises each subsegment twice: once to
// send it and once more for a debug message that is built even when nothing logs it. Here one
// socket serves every send, unreferenced so that it never holds the process or the event loop
// open (as the SDK's own reusable socket outside Lambda), and a subsegment's debug message
// reuses the document just sent, which is the same string. It has only what the bundled SDK
// calls: `send` (segments, subsegments) and `disableReusableSocket` (the Lambda set-up).
import { createSocket, type Socket } from "node:dgram";
import * as daemonConfigModule from "aws-xray-sdk-core/dist/lib/daemon_config";
import { getLogger } from "aws-xray-sdk-core/dist/lib/logger";

/** The daemon address the SDK resolved (AWS_XRAY_DAEMON_ADDRESS or setDaemonAddress). */
interface DaemonConfig {
  readonly udp_ip: string;
  readonly udp_port: number;
}
const daemonConfig = daemonConfigModule as unknown as DaemonConfig;

/** What the SDK's segments and subsegments give the emitter. */
interface Emittable {
  readonly type?: string;
  readonly trace_id: string;
  readonly id: string;
  format(): string;
  toString(): string;
}

const protocolHeader = '{"format":"json","version":1}';
const protocolDelimiter = "\n";

let socket: Socket | undefined;

export function send(segment: Emittable): void {
  socket ??= createSocket("udp4").unref();
  const formatted = segment.format();
  const message = Buffer.from(protocolHeader + protocolDelimiter + formatted);
  const short = `{"trace_id:"${segment.trace_id}","id":"${segment.id}"}`;
  const isSubsegment = segment.type === "subsegment";
  const type = isSubsegment ? "Subsegment" : "Segment";
  socket.send(message, 0, message.length, daemonConfig.udp_port, daemonConfig.udp_ip, (err) => {
    if (err) {
      if ((err as NodeJS.ErrnoException).code === "EMSGSIZE") {
        getLogger().error(`${type} too large to send: ${short} (${message.length} bytes).`);
      } else {
        getLogger().error("Error occured sending segment: ", err);
      }
    } else {
      getLogger().debug(`${type} sent: ${short}`);
      // A subsegment's toString() is the serialisation format() just returned.
      getLogger().debug(`UDP message sent: ${isSubsegment ? formatted : segment.toString()}`);
    }
  });
}

// In Lambda the SDK asks for a socket per batch of sends; one unreferenced socket serves as well.
export const disableReusableSocket = (): void => undefined;
