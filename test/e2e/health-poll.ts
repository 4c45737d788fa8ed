/** GET /healthz of the app at `baseUrl`: its status and JSON body. */
export async function healthOf(baseUrl: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${baseUrl}/healthz`);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/**
 * /healthz answers from probes run in the background (every 5 s, 1 s after a failing round), so a change in a
 * dependency shows within a round: polls until the status is `status` or `timeoutMs` is over, and answers the last.
 */
export async function healthOnceIs(
  baseUrl: string,
  status: number,
  timeoutMs = 8_000,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answer = await healthOf(baseUrl);
    if (answer.status === status || Date.now() > deadline) return answer;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
