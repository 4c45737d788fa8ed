import type { MessageContent } from "./webhook-message.js";

export interface InboundContent {
  text?: string;
  mediaNote?: string;
}

// Slack shows no WhatsApp media: the relay says what it was, and moderators open WhatsApp for the file.
const MEDIA_LABELS = {
  image: "📷 image",
  video: "🎥 video",
  audio: "🎧 audio",
  voice: "🎤 voice message",
  document: "📄 document",
  sticker: "🖼️ sticker",
} as const;

type MediaType = keyof typeof MEDIA_LABELS;

function isMediaType(type: string): type is MediaType {
  return Object.hasOwn(MEDIA_LABELS, type);
}

function withText(text: string | undefined, mediaNote: string): InboundContent {
  return text ? { text, mediaNote } : { mediaNote };
}

function describeLocation(location: MessageContent["location"]): string {
  const place = [location?.name, location?.address].filter(Boolean).join(", ");
  const hasPoint = location?.latitude !== undefined && location.longitude !== undefined;
  const point = hasPoint ? `(${location?.latitude}, ${location?.longitude})` : "";
  const details = [place, point].filter(Boolean).join(" ");
  return details ? `📍 location: ${details}` : "📍 location";
}

/** What a message says, as text and/or a note of what else it is; unknown types are kept with their type named. */
export function describeContent(message: MessageContent): InboundContent {
  const { type } = message;
  if (type === "text") return { text: message.text?.body ?? "" };
  if (isMediaType(type)) {
    const media = message[type];
    const filename = media?.filename ? ` "${media.filename}"` : "";
    return withText(media?.caption, `${MEDIA_LABELS[type]}${filename} (no preview)`);
  }
  switch (type) {
    case "location":
      return { mediaNote: describeLocation(message.location) };
    case "contacts": {
      const names = (message.contacts ?? []).flatMap((contact) => contact.name?.formatted_name ?? []);
      return { mediaNote: names.length > 0 ? `👤 shared contact: ${names.join(", ")}` : "👤 shared contact" };
    }
    case "button":
      return withText(message.button?.text, "🔘 button reply");
    case "interactive": {
      const { button_reply: button, list_reply: list } = message.interactive ?? {};
      return withText(button?.title ?? list?.title, list ? "📋 list reply" : "🔘 button reply");
    }
    case "reaction": {
      const emoji = message.reaction?.emoji;
      return { mediaNote: emoji ? `reacted ${emoji} to a message` : "removed a reaction" };
    }
    case "system":
      return withText(message.system?.body, "⚙️ system message");
    default:
      return { mediaNote: `❔ ${type} message (not shown)` };
  }
}
