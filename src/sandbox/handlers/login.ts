import type { SandboxAuth } from "../auth.js";
import type { Handler } from "../context.js";

/** POST /v1/users/login */
export function loginHandler(auth: SandboxAuth): Handler {
  return (_ctx, request) => {
    const login = auth.login(request.headers.authorization, request.body);
    return { status: 200, body: { users: [{ token: login.token, expires_after: login.expiresAfter }] } };
  };
}
