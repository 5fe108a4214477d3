// A typical DestinationProposed event as the handler records it: an editor in a browser
// proposing a destination with every optional field, the size the ADR and the bench quote.
import { fingerprint, uuidV5 } from "../../handlers/http/idempotency";
import type { RecordedEvent } from "../../handlers/eventStore/eventStore";

const data = {
  name: "Tide pools at Wembury",
  location: { latitude: 50.317, longitude: -4.083 },
  description: "Rock pools at low tide, a short walk from the car park; café by the beach.",
  website: "https://example.org/wembury",
  tags: ["coast", "free", "toddlers"],
};

export const typicalEvent: RecordedEvent = {
  streamName: `destination-${uuidV5("2b7f0f9e-6a8c-4a7e-9d0e-5c3b1a2f4e6d")}`,
  eventNumber: 0,
  eventId: "9b2e7a3c-5d41-4f0e-8a6b-1c2d3e4f5a6b",
  type: "DestinationProposed",
  data,
  metadata: {
    correlationId: "c0ffee00-1111-4222-8333-444455556666",
    receivedAt: "2026-11-27T09:00:00.000Z",
    sourceIp: "203.0.113.10",
    userAgent: "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15",
    idempotencyKey: "2b7f0f9e-6a8c-4a7e-9d0e-5c3b1a2f4e6d",
    fingerprint: fingerprint(data),
  },
  recordedAt: "2026-11-27T09:00:00.012Z",
};
