/** One inbound WhatsApp message, whichever webhook shape (on-prem or cloud) it came in. */
export interface InboundMessage {
  /** The sender: digits-only WhatsApp id (or a cloud business-scoped user id). */
  waId: string;
  messageId: string;
  /** Unix seconds, when the contact sent it. */
  timestamp: number;
  /** WhatsApp's message type as received: "text", "image", … or one this app does not know. */
  type: string;
  /** The text, a caption, or the chosen button/list title. */
  text?: string;
  /** What the message is when it is not (only) text, e.g. "📷 image (no preview)". */
  mediaNote?: string;
  profileName?: string;
}

export interface RelayPost {
  channel: string;
  text: string;
  blocks: unknown[];
  metadata: { event_type: string; event_payload: Record<string, string | number> };
  thread_ts?: string;
}

/** Posts one message to Slack (main wires it to `chat.postMessage`) and returns its ts. */
export type RelayPoster = (message: RelayPost) => Promise<{ ts: string }>;

/** Which Slack thread holds a contact's messages of one UTC day ("YYYY-MM-DD"). */
export interface ThreadIndex {
  get(waId: string, day: string): Promise<string | undefined>;
  set(waId: string, day: string, ts: string): Promise<void>;
  /**
   * True for the one caller, across replicas, that is to open the day's thread; the others wait for its `set`.
   * The claim lapses after a while, so a replica that died before posting does not hold the day for ever.
   */
  claimOpening(waId: string, day: string): Promise<boolean>;
  /** Gives the claim up, when the opening post failed. */
  releaseOpening(waId: string, day: string): Promise<void>;
}

/** Relays one webhook delivery's messages, in order. */
export type Relay = (messages: InboundMessage[]) => Promise<void>;
