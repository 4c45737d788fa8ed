/**
 * The end-to-end tests' fake Slack Web API is local mode's Slack stand-in (docs/CONTRACT.md §9): one
 * implementation, in src/playground/slack-api.ts.
 */
export {
  type FakeSlackApi,
  type ResponseUrlHit,
  type SlackApiCall,
  type SlackMethodHandler,
  startFakeSlackApi,
} from "../../src/playground/slack-api.js";
