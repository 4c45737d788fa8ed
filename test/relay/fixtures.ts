/** Webhook bodies as WhatsApp sends them (docs/CONTRACT.md §1.1, §1.2). */

export const onpremText = {
  contacts: [{ profile: { name: "Kerry Fisher" }, wa_id: "16315551234" }],
  messages: [
    {
      from: "16315551234",
      id: "ABGGFlA5FpafAgo6EhEpjPzjBgUhrXHgA",
      timestamp: "1718000000",
      type: "text",
      text: { body: "Hello, this is Kerry" },
    },
  ],
};

export const onpremStatusesOnly = {
  statuses: [
    {
      id: "gBGGFlA5FpafAgkOuJbRq54qwbM",
      recipient_id: "16315551234",
      status: "read",
      timestamp: "1718000100",
    },
  ],
};

/** A Cloud delivery of one entry per element of `entries`, each holding those changes. */
export function cloudDelivery(entries: unknown[][]) {
  return {
    object: "whatsapp_business_account",
    entry: entries.map((changes, index) => ({ id: String(102290129340398 + index), changes })),
  };
}

/** A "messages" change, as Meta sends one per business number. */
export function messagesChange(value: Record<string, unknown>) {
  return {
    field: "messages",
    value: {
      messaging_product: "whatsapp",
      metadata: { display_phone_number: "15550783881", phone_number_id: "106540352242922" },
      ...value,
    },
  };
}

export function cloudNotification(messages: unknown[], contacts: unknown[] = []) {
  return cloudDelivery([[messagesChange({ contacts, messages })]]);
}

export const cloudText = cloudNotification(
  [
    {
      from: "16505551234",
      id: "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUFERjg0NjE3M0JBNzY1QjNBNwA=",
      timestamp: "1718000300",
      type: "text",
      text: { body: "Hi from the cloud" },
    },
  ],
  [{ profile: { name: "Sheena Nelson" }, wa_id: "16505551234" }],
);

/**
 * A delivery of `entries` × `changes` × `messages` text messages (Meta batches up to 1,000 updates), each change
 * from one username-only sender "US.<entry><change>"; message ids "wamid.BATCH<entry>.<change>.<message>".
 */
export function batchDelivery(entries: number, changes: number, messages: number) {
  const change = (e: number, c: number) =>
    messagesChange({
      contacts: [{ profile: { name: "Batch", username: "@batch" }, user_id: `US.${e}${c}` }],
      messages: Array.from({ length: messages }, (_, m) => ({
        from_user_id: `US.${e}${c}`,
        id: `wamid.BATCH${e}.${c}.${m}`,
        timestamp: "1749416383",
        type: "text",
        text: { body: `message ${m}` },
      })),
    });
  return cloudDelivery(
    Array.from({ length: entries }, (_, e) => Array.from({ length: changes }, (_, c) => change(e, c))),
  );
}
