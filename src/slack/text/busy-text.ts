/** The ack of a command turned away because too many are under way (slack/middleware/in-flight.ts). */
export const BUSY_TEXT =
  "wa-moderator is busy with many requests right now, so it did not take this one: nothing was done. Try again in a minute.";
