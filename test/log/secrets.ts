/** Each free-text pattern: a text, and the secret it must no longer show. */
export const FREE_TEXT_SECRETS: Array<[string, string, string]> = [
  ["a Slack bot token", "token xoxb-1234-5678-abcdef used", "xoxb-1234-5678-abcdef"],
  ["a Slack user token", "sent as xoxp-99-88-secretvalue", "xoxp-99-88-secretvalue"],
  ["a Slack app token", "xapp-1-A0-123-abc", "xapp-1-A0-123-abc"],
  ["a bearer token", "Authorization: Bearer eyJhbGciOi.J9.abc", "eyJhbGciOi.J9.abc"],
  ["a lower-case bearer token", "authorization: 'bearer eyJhbGciOi.J9.low'", "eyJhbGciOi.J9.low"],
  ["Basic credentials", "Basic YWRtaW46c2VjcmV0", "YWRtaW46c2VjcmV0"],
  ["a password in JSON", '{"password":"hunter2!"}', "hunter2!"],
  ["a token as util.inspect shows it", "{ status: 401, token: 'tok-777-abc' }", "tok-777-abc"],
  ["a password after a colon", "login with password: Hunter2x", "Hunter2x"],
  ["a secret as key=value", "WEBHOOK_SECRET=abcdefabcdef1234", "abcdefabcdef1234"],
  ["a plain-word secret as key=value", "WA_PASSWORD=swordfish", "swordfish"],
  ["a token in a query string", "GET /v1/media?token=abc123&x=1", "abc123"],
  ["credentials in a URL", "redis://user:pa55word@127.0.0.1:6379", "pa55word"],
  [
    "a response_url",
    '{"response_url":"https://hooks.slack.com/commands/T0001/1234/AbCdEf"}',
    "commands/T0001/1234/AbCdEf",
  ],
];
