/** The delivery API's shapes (client-safe): what /api/alerts/destinations, /deliveries and the demo receiver answer. */

export const DESTINATION_KINDS = ["webhook", "slack"] as const;
export type DestinationKind = (typeof DESTINATION_KINDS)[number];

export const DELIVERY_STATUSES = ["pending", "delivered", "failed", "gave_up"] as const;
/** pending: not tried yet; failed: the last try failed and another is due at nextAttemptAt; gave_up and delivered are final. */
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export interface DestinationJson {
  id: number;
  name: string;
  kind: DestinationKind;
  /** The URL with its path and query hidden past the first segment: a Slack URL is itself a secret. */
  urlPreview: string;
  enabled: boolean;
  /** The demo's receiver in this server (not editable). */
  builtin: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface DestinationsResponse {
  destinations: DestinationJson[];
}

/** Answer to creating a destination or setting a new secret: the secret is shown this once. */
export interface DestinationSavedResponse {
  destination: DestinationJson;
  secret: string | null;
}

export interface AttemptJson {
  attempt: number;
  startedAt: string;
  durationMs: number;
  statusCode: number | null;
  error: string | null;
  outcome: "delivered" | "retry" | "gave_up";
}

export interface DeliveryJson {
  id: number;
  eventId: string;
  eventKind: "fired" | "resolved" | "test";
  ruleName: string;
  summary: string;
  occurredAt: string;
  destinationId: number;
  destinationName: string;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: string | null;
  lastStatusCode: number | null;
  lastError: string | null;
  deliveredAt: string | null;
  attemptLog: AttemptJson[];
}

export interface DeliveriesResponse {
  deliveries: DeliveryJson[];
}

export interface TestEventResponse {
  eventId: string;
}

export interface DemoReceiptJson {
  id: number;
  receivedAt: string;
  eventId: string | null;
  signatureValid: boolean;
  /** "Signature valid", or why it was refused. */
  verdict: string;
  /** The body exactly as received (pretty-printed by the page when it is JSON). */
  body: string;
}

export interface DemoReceiptsResponse {
  receipts: DemoReceiptJson[];
}
