import type { App, ReceiverEvent } from "@slack/bolt";

/**
 * A well-formed request no listener acknowledged (a command or a modal of another app's, a shortcut this app does
 * not have) is answered 200 as soon as every listener has run, instead of Bolt's 404 after 3 s
 * (docs/CONTRACT.md §8). Bolt's `processEvent` resolves only once all listeners are done, and a listener here
 * always acknowledges before its slow work, so an unacknowledged request at that point will never be.
 */
export function acknowledgeUnserved(app: App): void {
  const processEvent = app.processEvent.bind(app);
  app.processEvent = async (event: ReceiverEvent) => {
    let acknowledged = false;
    const ack: ReceiverEvent["ack"] = (response) => {
      acknowledged = true;
      return event.ack(response);
    };
    await processEvent({ ...event, ack });
    if (!acknowledged) await ack();
  };
}
