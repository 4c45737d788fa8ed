/** Webhook bodies as WhatsApp sends them (SPEC §1.1, §1.2). */

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

export function cloudNotification(messages: unknown[], contacts: unknown[] = []) {
  return {
    object: "whatsapp_business_account",
    entry: [
      {
        id: "102290129340398",
        changes: [
          {
            field: "messages",
            value: {
              messaging_product: "whatsapp",
              metadata: { display_phone_number: "15550783881", phone_number_id: "106540352242922" },
              contacts,
              messages,
            },
          },
        ],
      },
    ],
  };
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
