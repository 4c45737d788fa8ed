import type { Handler } from "../context.js";

/** GET /v1/health: a single-node deployment whose gateway is connected. */
export const healthHandler: Handler = () => ({
  status: 200,
  body: { health: { gateway_status: "connected" } },
});
