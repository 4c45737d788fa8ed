import { randomUUID } from "node:crypto";
import type { InboundType, SandboxMessage } from "./types.js";

const MEDIA_MIME_TYPES: Record<Exclude<InboundType, "text" | "location">, string> = {
  image: "image/jpeg",
  audio: "audio/ogg; codecs=opus",
  video: "video/mp4",
  document: "application/pdf",
  sticker: "image/webp",
};

/** The type-named part of a message (`text: {body}`, `image: {id, mime_type}`, ...), the same on both shapes. */
export function messageContent(message: SandboxMessage): Record<string, unknown> {
  switch (message.type) {
    case "text":
      return { text: { body: message.text ?? "" } };
    case "location":
      return { location: { latitude: 40.7128, longitude: -74.006 } };
    default: {
      const media = { id: randomUUID(), mime_type: MEDIA_MIME_TYPES[message.type] };
      return { [message.type]: message.text === undefined ? media : { ...media, caption: message.text } };
    }
  }
}

/** The On-Premises inbound webhook body for one message; `timestamp` is unix seconds as a string. */
export function inboundPayload(message: SandboxMessage, profileName: string): Record<string, unknown> {
  return {
    contacts: [{ profile: { name: profileName }, wa_id: message.from }],
    messages: [
      {
        from: message.from,
        id: message.id,
        timestamp: String(Math.floor(message.at / 1000)),
        type: message.type,
        ...messageContent(message),
      },
    ],
  };
}
