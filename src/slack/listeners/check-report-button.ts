import type { FlowDeps } from "../flows/deps.js";
import { type ClickArgs, openClickSession } from "../input/button-click.js";
import { decodeRowValue } from "../input/button-values.js";
import { renderReportModal } from "../views/report-modal.js";

/** Report…, from a check row: opens the report modal for that number (no message id: the last 5 are sent). */
export async function checkReportButton(args: ClickArgs, deps: FlowDeps): Promise<void> {
  const click = await openClickSession(args, deps, decodeRowValue, "below");
  if (click === undefined) return;
  const { body, value: e164, channelId, session } = click;
  await args.ack();
  try {
    await args.client.views.open({
      trigger_id: body.trigger_id ?? "",
      view: renderReportModal({ sender: e164, ...(channelId === undefined ? {} : { channelId }) }),
    });
  } catch (error) {
    // Typically an expired trigger (the modal must open within 3 s of the click).
    await session.fail(error);
  }
}
