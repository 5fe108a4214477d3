// API Gateway's throttling and quotas in front of the local function, with the limits the
// deployed stage and usage plan get from the same stack settings. API Gateway meters requests
// with token buckets (a token per request): a bucket holds at most the burst limit and refills
// at the rate limit, in requests per second. The usage plan keeps one bucket and one quota per
// API key; the stage's method settings keep one bucket per method, shared by every client.
// https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-request-throttling.html
import type { Settings } from "../../config/settings";
import { gatewayProblems, type GatewayProblem } from "../../handlers/auth/gatewayProblems";
import { TokenBucket } from "../dynamodb/tokenBucket";
import type { WallClock } from "../clock";

interface ThrottleLimits {
  /** Steady-state requests per second: the bucket's refill rate. */
  readonly rateLimit: number;
  /** Requests at once: the bucket's size. */
  readonly burstLimit: number;
}

interface UsagePlanLimits extends ThrottleLimits {
  /** Requests per API key per day (UTC), as the usage plan's DAY quota counts them. */
  readonly quotaPerDay: number;
}

export interface ApiLimits {
  /** Per method of the stage, across all clients. */
  readonly stage: ThrottleLimits;
  /** Per API key. */
  readonly usagePlan: UsagePlanLimits;
}

/** The limits `pulumi up` deploys for these settings (method settings and usage plan). */
export function apiLimits(settings: Settings): ApiLimits {
  return {
    stage: { rateLimit: settings.throttlingRateLimit, burstLimit: settings.throttlingBurstLimit },
    usagePlan: {
      rateLimit: settings.apiClientRateLimit,
      burstLimit: settings.apiClientBurstLimit,
      quotaPerDay: settings.apiClientQuotaPerDay,
    },
  };
}

type Admission = { readonly ok: true } | { readonly ok: false; readonly problem: GatewayProblem };

export interface ApiThrottle {
  /**
   * Admits one authorised request or refuses it as API Gateway would. `client` is the client
   * whose API key the request carries; without API keys (--no-auth) only the stage limits apply.
   */
  admit(client: string | undefined): Admission;
}

const msPerDay = 24 * 60 * 60 * 1000;
const admitted: Admission = { ok: true };
const throttled: Admission = { ok: false, problem: gatewayProblems.throttled };
const quotaExceeded: Admission = { ok: false, problem: gatewayProblems.quotaExceeded };

/**
 * API Gateway applies the usage plan's per-client limits first, then the stage's per-method
 * limits (AWS knowledge center, "429 Too Many Requests or Limit Exceeded errors"). Within the
 * usage plan the order of throttle and quota is not documented; here a request the key's
 * throttle refuses does not count against its quota, and one the stage then throttles does.
 */
export function createApiThrottle(limits: ApiLimits, clock: WallClock = Date.now): ApiThrottle {
  const stage = requestBucket(limits.stage, clock);
  const keys = new Map<string, { readonly bucket: TokenBucket; readonly quota: DailyQuota }>();
  return {
    admit: (client) => {
      if (client !== undefined) {
        let key = keys.get(client);
        if (!key) {
          key = { bucket: requestBucket(limits.usagePlan, clock), quota: new DailyQuota(limits.usagePlan.quotaPerDay) };
          keys.set(client, key);
        }
        if (!key.bucket.tryTake(1)) return throttled;
        if (!key.quota.tryCount(clock())) return quotaExceeded;
      }
      return stage.tryTake(1) ? admitted : throttled;
    },
  };
}

/** At most `burstLimit` requests, refilled at `rateLimit` per second; starts full. */
const requestBucket = (limits: ThrottleLimits, clock: WallClock): TokenBucket =>
  new TokenBucket(limits.rateLimit, clock, { limit: limits.burstLimit, initial: limits.burstLimit });

/** Requests counted per calendar day in UTC, when a usage plan's DAY quota period starts. */
class DailyQuota {
  private day = Number.NaN;
  private used = 0;

  constructor(private readonly limit: number) {}

  tryCount(now: number): boolean {
    const day = Math.floor(now / msPerDay);
    if (day !== this.day) {
      this.day = day;
      this.used = 0;
    }
    if (this.used >= this.limit) return false;
    this.used += 1;
    return true;
  }
}
