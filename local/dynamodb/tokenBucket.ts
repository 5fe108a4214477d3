// A token bucket as DynamoDB meters provisioned throughput: capacity refills continuously at
// the provisioned rate, and up to DynamoDB's burst window of unused capacity is kept as burst
// credit. The local API's throttling uses the same bucket with API Gateway's shape (burst
// limit, full).
import { burstSeconds } from "../../aws/dynamodb/throughput";
import type { Clock } from "../clock";

/** A bucket's size and what it holds at first; by default DynamoDB's, as a table just created. */
export interface BucketShape {
  readonly limit: number;
  readonly initial: number;
}

export class TokenBucket {
  private tokens: number;
  private updatedAt: number;
  /** The most the bucket holds: for DynamoDB, the burst credit. */
  readonly limit: number;

  /** By default starts with one second of capacity and no banked burst credit. */
  constructor(
    readonly unitsPerSecond: number,
    private readonly clock: Clock,
    shape: BucketShape = { limit: unitsPerSecond * burstSeconds, initial: unitsPerSecond },
  ) {
    if (!(unitsPerSecond > 0)) throw new RangeError(`capacity must be positive, got ${unitsPerSecond}`);
    this.limit = shape.limit;
    this.tokens = shape.initial;
    this.updatedAt = clock();
  }

  /** Units available now; negative after a request cost more than was reserved for it. */
  available(): number {
    this.refill();
    return this.tokens;
  }

  /** Takes `units` if that many are available now; false (and nothing taken) otherwise. */
  tryTake(units: number): boolean {
    this.refill();
    if (this.tokens < units) return false;
    this.tokens -= units;
    return true;
  }

  /**
   * Settles the difference between what a request turned out to cost and what was reserved
   * for it (negative gives back). The balance may go below zero: DynamoDB learns an item's
   * size only when it reads it, and later requests wait until the debt is repaid.
   */
  adjust(units: number): void {
    this.refill();
    this.tokens = Math.min(this.limit, this.tokens - units);
  }

  private refill(): void {
    const now = this.clock();
    const elapsedSeconds = Math.max(0, now - this.updatedAt) / 1000;
    this.tokens = Math.min(this.limit, this.tokens + elapsedSeconds * this.unitsPerSecond);
    this.updatedAt = now;
  }
}
