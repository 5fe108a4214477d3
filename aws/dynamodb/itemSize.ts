// Item size as DynamoDB counts it for capacity units, from the AttributeValue JSON form
// (the wire form: B and BS as base64 strings; Uint8Array accepted too, as the SDK marshals).
// Rules: DynamoDB Developer Guide, "DynamoDB item sizes and formats"
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html

type BinaryValue = string | Uint8Array;

export type AttributeValueJson =
  | { readonly S: string }
  | { readonly N: string }
  | { readonly B: BinaryValue }
  | { readonly BOOL: boolean }
  | { readonly NULL: boolean }
  | { readonly L: readonly AttributeValueJson[] }
  | { readonly M: ItemJson }
  | { readonly SS: readonly string[] }
  | { readonly NS: readonly string[] }
  | { readonly BS: readonly BinaryValue[] };

export type ItemJson = { readonly [name: string]: AttributeValueJson };

/** Bytes of an item: the UTF-8 length of every attribute name plus the size of its value. */
export function itemSize(item: ItemJson): number {
  let size = 0;
  for (const [name, value] of Object.entries(item)) size += utf8Bytes(name) + attributeValueSize(value);
  return size;
}

/** Bytes of one attribute value, without its name. */
export function attributeValueSize(value: AttributeValueJson): number {
  if ("S" in value) return utf8Bytes(value.S);
  if ("N" in value) return numberSize(value.N);
  if ("B" in value) return binaryBytes(value.B);
  // "The size of a null attribute or a Boolean attribute is ... + (1 byte)."
  if ("BOOL" in value || "NULL" in value) return 1;
  // Lists and maps: 3 bytes of overhead, plus 1 byte per element; a map element also
  // counts its name.
  if ("L" in value) return value.L.reduce((sum, element) => sum + 1 + attributeValueSize(element), 3);
  if ("M" in value) return Object.keys(value.M).length + itemSize(value.M) + 3;
  if ("SS" in value) return value.SS.reduce((sum, s) => sum + utf8Bytes(s), 0);
  if ("NS" in value) return value.NS.reduce((sum, n) => sum + numberSize(n), 0);
  if ("BS" in value) return value.BS.reduce((sum, b) => sum + binaryBytes(b), 0);
  throw new TypeError(`unknown attribute value type: ${Object.keys(value).join(",")}`);
}

/**
 * Bytes of a number. The guide says "approximately 1 byte per two significant digits, plus
 * 1 byte": DynamoDB stores the digits in base-100 pairs aligned on the decimal point, so
 * 1.2 takes two pairs (01|20) where 12 takes one; a negative number takes one more byte for
 * its terminator, and zero takes 1 byte. Leading and trailing zeroes are trimmed.
 */
export function numberSize(text: string): number {
  const parsed = parseDecimal(text);
  if (parsed === undefined) return 1;
  const lowestPower = parsed.highestPower - parsed.digits.length + 1;
  const pairs = Math.floor(parsed.highestPower / 2) - Math.floor(lowestPower / 2) + 1;
  return 1 + pairs + (parsed.negative ? 1 : 0);
}

interface ParsedDecimal {
  /** Significant digits, no leading or trailing zeroes. */
  readonly digits: string;
  /** Power of ten of the first significant digit. */
  readonly highestPower: number;
  readonly negative: boolean;
}

/** Undefined for zero. */
function parseDecimal(text: string): ParsedDecimal | undefined {
  const match = /^\s*([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?\s*$/.exec(text);
  if (!match) throw new RangeError(`not a DynamoDB number: ${text}`);
  const [, sign = "", whole = "", fraction = "", exponent = "0"] = match;
  const allDigits = whole + fraction;
  const first = allDigits.search(/[1-9]/);
  if (first < 0) return undefined;
  const digits = allDigits.slice(first).replace(/0+$/, "");
  return { digits, highestPower: whole.length - 1 - first + Number(exponent), negative: sign === "-" };
}

function utf8Bytes(text: string): number {
  return Buffer.byteLength(text);
}

/** The raw bytes count, not the base64 text sent over the wire. */
function binaryBytes(value: BinaryValue): number {
  return typeof value === "string" ? Buffer.from(value, "base64").length : value.byteLength;
}
