// Collects a local stack's function log as CloudWatch Logs would hold it, and reads its
// platform records back.
import type { LocalStack } from "../../local/stack";
import { objectSource, resolveSettings, type Settings } from "../../config/settings";
import type { SettingValue } from "../../config/spec";
import { localStackName } from "../../config/names";

export interface LoggedLine {
  readonly line: string;
  readonly logStream: string;
}

export interface Report {
  readonly logStream: string;
  readonly requestId: string;
  readonly status: string;
  readonly errorType?: string;
  readonly metrics: {
    readonly durationMs: number;
    readonly billedDurationMs: number;
    readonly memorySizeMB: number;
    readonly maxMemoryUsedMB: number;
    readonly initDurationMs?: number;
  };
}

export class LogStream {
  readonly lines: LoggedLine[] = [];
  readonly stop: () => void;

  constructor(stack: LocalStack) {
    this.stop = stack.lambda.onLog((line, meta) => this.lines.push({ line, logStream: meta.logStream }));
  }

  /** Lines that parse as JSON objects, with their stream. */
  records(): { readonly logStream: string; readonly json: Record<string, unknown> }[] {
    return this.lines.flatMap(({ line, logStream }) => {
      try {
        return [{ logStream, json: JSON.parse(line) as Record<string, unknown> }];
      } catch {
        return [];
      }
    });
  }

  ofType(type: string): { readonly logStream: string; readonly record: Record<string, unknown> }[] {
    return this.records()
      .filter(({ json }) => json.type === type)
      .map(({ logStream, json }) => ({ logStream, record: json.record as Record<string, unknown> }));
  }

  reports(): Report[] {
    return this.ofType("platform.report").map(({ logStream, record }) => ({ logStream, ...record }) as unknown as Report);
  }
}

/** The local stack's settings with some changed. */
export function settingsWith(values: Readonly<Record<string, SettingValue>>): Settings {
  return resolveSettings(localStackName, objectSource(values));
}
