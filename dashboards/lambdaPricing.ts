// Lambda list prices (US East (N. Virginia), first pricing tier), for the dashboard's cost
// estimate and the bench's memory table. Source: aws.amazon.com/lambda/pricing, as read on
// the date below. Other regions differ by a few percent; the figure is a sizing aid, not a bill.

export const lambdaPricesReadOn = "2026-11-27";

export const requestPricePerMillionUsd = 0.2;

const pricePerGbSecondUsd: Readonly<Record<string, number>> = {
  arm64: 0.0000133334,
  x86_64: 0.0000166667,
};

export function gbSecondPriceUsd(architecture: string): number {
  const price = pricePerGbSecondUsd[architecture];
  if (price === undefined) throw new Error(`no Lambda price known for architecture ${architecture}`);
  return price;
}

/** Lambda bills memory in GB of 1024 MB. */
export function memoryGb(memorySizeMb: number): number {
  return memorySizeMb / 1024;
}
