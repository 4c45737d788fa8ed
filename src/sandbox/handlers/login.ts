import type { Handler } from "../context.js";

/** POST /v1/users/login */
export const loginHandler: Handler = (ctx, request) => {
  const login = ctx.auth.login(request.headers.authorization, request.body);
  return { status: 200, body: { users: [{ token: login.token, expires_after: login.expiresAfter }] } };
};
