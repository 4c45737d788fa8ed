/**
 * Who sent an inbound message: the wa_id when WhatsApp gave one, the BSUID (cloud) otherwise, or both. Since 2026
 * a Cloud user with a username may come with no number at all (docs/CONTRACT.md §1.2), so neither id is always
 * there, but one of them is.
 */
export type InboundSender = { waId: string; bsuid?: string } | { waId?: undefined; bsuid: string };

/** One inbound WhatsApp message, whichever webhook shape (on-prem or cloud) it came in. */
export type InboundMessage = InboundSender & {
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
  /** The sender's WhatsApp username (cloud), e.g. "@realsheenanelson". */
  username?: string;
};

export interface RelayPost {
  channel: string;
  text: string;
  blocks: unknown[];
  metadata: { event_type: string; event_payload: Record<string, string | number> };
  thread_ts?: string;
}

/** Posts one message to Slack (main wires it to `chat.postMessage`) and returns its ts. */
export type RelayPoster = (message: RelayPost) => Promise<{ ts: string }>;

/** Which Slack thread holds a contact's messages of one UTC day ("YYYY-MM-DD"); `contact` as in contactKey. */
export interface ThreadIndex {
  get(contact: string, day: string): Promise<string | undefined>;
  set(contact: string, day: string, ts: string): Promise<void>;
  /**
   * True for the one caller, across replicas, that is to open the day's thread; the others wait for its `set`.
   * The claim lapses after a while, so a replica that died before posting does not hold the day for ever.
   */
  claimOpening(contact: string, day: string): Promise<boolean>;
  /** Gives the claim up, when the opening post failed. */
  releaseOpening(contact: string, day: string): Promise<void>;
}

/** Relays one webhook delivery's messages, in order. */
export type Relay = (messages: InboundMessage[]) => Promise<void>;

/** What one webhook says about a user's ids, for the contact directory (docs/CONTRACT.md §1.3). */
export interface IdentityUpdate {
  waId?: string;
  bsuid?: string;
  username?: string;
  /** The BSUID this user had before it changed (`user_id_update`, `user_changed_user_id`). */
  previousBsuid?: string;
}
