// Proposals as editors send them: varied names (with and without non-ASCII text), optional
// fields present or not, bodies from a configurable size mix, and shares of idempotent
// retries and of requests the API must refuse.
import { proposalLimits } from "../handlers/proposal/schema";
import { idempotencyKeyHeader } from "../handlers/http/idempotency";
import { pick, type Random } from "./random";

/** Shares of small, medium and large proposals; they need not add up to 1. */
interface SizeMix {
  readonly small: number;
  readonly medium: number;
  readonly large: number;
}

export interface ProposalMix {
  readonly sizes: SizeMix;
  /** Share of requests that resend an earlier request with its Idempotency-Key. */
  readonly retryShare: number;
  /** Share of requests with a body the API refuses (400). */
  readonly invalidShare: number;
  /** Share of proposals whose text is not plain ASCII. */
  readonly unicodeShare: number;
}

export const defaultMix: ProposalMix = {
  sizes: { small: 0.6, medium: 0.3, large: 0.1 },
  retryShare: 0,
  invalidShare: 0,
  unicodeShare: 0.3,
};

export type RequestKind = "new" | "retry" | "invalid";

export interface PlannedRequest {
  readonly kind: RequestKind;
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
}

const places = [
  "Tide pools",
  "Castle ruins",
  "Bluebell wood",
  "Farm park",
  "Steam railway",
  "Adventure playground",
  "Lido",
  "Nature reserve",
  "Harbour walk",
  "Science museum",
];
const towns = ["Wembury", "Tintagel", "Bath", "Whitby", "Keswick", "Tenby", "Oban", "Rye", "Hay-on-Wye", "St Ives"];
const unicodeTowns = [
  "Llanfairpwll",
  "Ynys Môn",
  "Château-d'Œx",
  "Zürich",
  "Kraków",
  "Ålesund",
  "Málaga",
  "Åre",
  "Ørsted Park",
  "北海道",
  "São Paulo",
  "Reykjavík 🌋",
];
const tags = [
  "rainy-day",
  "toddlers",
  "picnic",
  "free",
  "buggy-friendly",
  "dogs welcome",
  "cafe",
  "beach",
  "indoor",
  "toilets",
  "parking",
  "playground",
];
const unicodeTags = ["café", "crêpes", "Spielplatz", "ferry ⛴"];
const words = [
  "a",
  "short",
  "walk",
  "from",
  "the",
  "car",
  "park",
  "with",
  "rock",
  "pools",
  "shade",
  "and",
  "benches",
  "bring",
  "wellies",
  "low",
  "tide",
  "best",
  "in",
  "summer",
];
const unicodeWords = ["café", "crème", "naïve", "façade", "ñandú", "smørrebrød", "über", "déjà", "vu", "🦀", "🌊", "🏰"];

type Size = keyof SizeMix;

function chooseSize(random: Random, sizes: SizeMix): Size {
  const total = sizes.small + sizes.medium + sizes.large;
  let r = random() * total;
  for (const size of ["small", "medium", "large"] as const) {
    r -= sizes[size];
    if (r < 0) return size;
  }
  return "small";
}

/** Description length in characters per size class (large stays under the schema's limit). */
const descriptionChars: Readonly<Record<Size, readonly [number, number]>> = {
  small: [0, 0],
  medium: [200, 600],
  large: [1200, proposalLimits.descriptionMax - 100],
};

function sentence(random: Random, chars: number, unicode: boolean): string {
  const vocabulary = unicode ? [...words, ...unicodeWords] : words;
  // Whole words only: cutting at a length could split a surrogate pair (an emoji), which the
  // API rightly refuses.
  let text = "";
  for (;;) {
    const next = (text ? `${text} ` : "") + pick(random, vocabulary);
    if (next.length > chars) return text;
    text = next;
  }
}

/** One valid proposal body as an object. */
function proposal(random: Random, sizes: SizeMix, unicode: boolean): Record<string, unknown> {
  const size = chooseSize(random, sizes);
  const body: Record<string, unknown> = {
    name: `${pick(random, places)} at ${pick(random, unicode ? unicodeTowns : towns)}`,
    location: {
      latitude: Math.round((random() * 180 - 90) * 1e5) / 1e5,
      longitude: Math.round((random() * 360 - 180) * 1e5) / 1e5,
    },
  };
  const [min, max] = descriptionChars[size];
  if (max > 0) body.description = sentence(random, min + Math.floor(random() * (max - min)), unicode);
  if (size !== "small" || random() < 0.5) body.website = `https://example.org/places/${Math.floor(random() * 1e6)}`;
  if (size === "large" || random() < 0.5) {
    const count = 1 + Math.floor(random() * (size === "large" ? proposalLimits.tagsMax : 3));
    const vocabulary = unicode ? [...tags, ...unicodeTags] : tags;
    body.tags = [...new Set(Array.from({ length: count }, () => pick(random, vocabulary)))];
  }
  return body;
}

/** Bodies the API must refuse with 400, each for a different reason. */
const invalidBodies: readonly ((random: Random) => string)[] = [
  () => JSON.stringify({ location: { latitude: 1, longitude: 2 } }),
  (random) => JSON.stringify({ name: "Somewhere", location: { latitude: 91 + random() * 10, longitude: 0 } }),
  () => JSON.stringify({ name: "Somewhere", location: { latitude: 0, longitude: 0 }, website: "ftp://example.org" }),
  () => JSON.stringify({ name: "Somewhere", location: { latitude: 0, longitude: 0 }, colour: "blue" }),
  () => '{"name": "unterminated',
];

/** The request headers of a JSON body, which every proposal sends. */
export const jsonHeaders = { "content-type": "application/json" } as const;

/** How many of the latest new requests a retry is drawn from. */
const retryWindow = 1000;

/**
 * Makes the request stream. Every new proposal carries an Idempotency-Key (as a careful
 * client does), so a retry resends an earlier body with its key and the API replays it.
 */
export class ProposalGenerator {
  private readonly sent: PlannedRequest[] = [];
  private count = 0;

  constructor(
    private readonly random: Random,
    private readonly mix: ProposalMix,
    /** Keeps keys unique across runs against the same store. */
    private readonly runId: string,
  ) {}

  next(): PlannedRequest {
    const r = this.random();
    if (r < this.mix.invalidShare) {
      return { kind: "invalid", body: pick(this.random, invalidBodies)(this.random), headers: jsonHeaders };
    }
    if (r < this.mix.invalidShare + this.mix.retryShare && this.sent.length > 0) {
      return { ...pick(this.random, this.sent), kind: "retry" };
    }
    const body = JSON.stringify(proposal(this.random, this.mix.sizes, this.random() < this.mix.unicodeShare));
    const request: PlannedRequest = {
      kind: "new",
      body,
      headers: { ...jsonHeaders, [idempotencyKeyHeader]: `${this.runId}-${this.count++}` },
    };
    // Retries are drawn from the last requests sent, as a client retries what it just sent: a
    // window of them, overwritten in turn, bounds the memory on a long run.
    this.sent[(this.count - 1) % retryWindow] = request;
    return request;
  }
}
