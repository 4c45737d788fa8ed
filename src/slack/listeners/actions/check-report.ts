import { decodeRowValue } from "../../action-values.js";
import { renderReportModal } from "../../views/report-modal.js";
import type { ListenerDeps } from "../deps.js";
import { type ClickArgs, readClick } from "./click.js";

/** Report…, from a check row: opens the report modal for that number (no message id: the last 5 are sent). */
export async function checkReportAction(args: ClickArgs, deps: ListenerDeps): Promise<void> {
  const click = await readClick(args, deps, decodeRowValue, "below");
  if (click === undefined) return;
  const { body, value: e164, channelId, session } = click;
  await args.ack();
  try {
    await args.client.views.open({
      trigger_id: body.trigger_id ?? "",
      view: renderReportModal({ e164, ...(channelId === undefined ? {} : { channelId }) }),
    });
  } catch (error) {
    // Typically an expired trigger (the modal must open within 3 s of the click).
    await session.fail(error);
  }
}
