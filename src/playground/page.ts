import { clientMain } from "./client.js";
import { blockKit } from "./client-blocks.js";
import { dialogs } from "./client-dialogs.js";

/**
 * The playground page (docs/CONTRACT.md §9): plain HTML, a stylesheet and one script, no dependency. The script is
 * the source text of clientMain, blockKit and dialogs; mrkdwn reaches it already read into nodes (page-mrkdwn.ts).
 */

export const PLAYGROUND_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>wa-moderator playground</title>
<link rel="stylesheet" href="/playground/app.css">
<script src="/playground/app.js" defer></script>
</head>
<body>
<div class="app">
  <nav class="sidebar" aria-label="Workspace">
    <p class="workspace">wa-moderator <span>playground</span></p>
    <h2 id="channels-heading">Channels</h2>
    <ul id="channel-list" aria-labelledby="channels-heading"></ul>
    <div class="panel">
      <h2>You</h2>
      <p id="acting-as"></p>
      <button type="button" role="switch" id="moderator-switch" aria-checked="true">Act as a moderator</button>
    </div>
    <form id="inbound" class="panel" aria-labelledby="inbound-heading">
      <h2 id="inbound-heading">WhatsApp sandbox</h2>
      <p id="inbound-shape" class="hint"></p>
      <label for="inbound-from">From</label>
      <select id="inbound-from"></select>
      <label for="inbound-text">WhatsApp message text</label>
      <input id="inbound-text" type="text" value="Hello, is this the support line?">
      <button type="submit">Send from WhatsApp</button>
    </form>
    <p class="hint">Local mode: a Slack stand-in on this machine. Connect a real workspace by setting SLACK_BOT_TOKEN.</p>
  </nav>
  <main class="channel">
    <header>
      <h1 id="channel-name">#moderation</h1>
      <p id="channel-about"></p>
    </header>
    <div id="messages" class="messages" role="log" aria-live="polite" tabindex="0" aria-label="Messages"><ul id="message-list"></ul></div>
    <form id="composer" class="composer">
      <textarea id="composer-input" rows="1" aria-label="Message #moderation" placeholder="Message #moderation"></textarea>
      <button type="submit">Send</button>
    </form>
    <p id="status" class="visually-hidden" role="status"></p>
  </main>
</div>
<div id="modal-host"></div>
</body>
</html>
`;

export const PLAYGROUND_CSS = `
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.46 -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; color: #1d1c1d; }
.app { display: grid; grid-template-columns: 260px 1fr; height: 100vh; }
.sidebar { background: #3f0e40; color: #fff; padding: 12px; overflow: auto; }
.sidebar h2 { font-size: 13px; color: #e8dbe8; margin: 16px 0 4px; font-weight: 600; }
.sidebar ul { list-style: none; margin: 0; padding: 0; }
.sidebar li button { width: 100%; text-align: left; background: none; border: 0; color: #f4edf4; padding: 4px 8px; border-radius: 6px; font: inherit; cursor: pointer; }
.sidebar li button[aria-current] { background: #1164a3; color: #fff; font-weight: 700; }
.workspace { font-weight: 900; font-size: 18px; margin: 0 0 8px; }
.workspace span { font-weight: 400; font-size: 13px; color: #e8dbe8; }
.panel { border-top: 1px solid #5d2c5d; margin-top: 12px; padding-top: 4px; display: flex; flex-direction: column; gap: 4px; }
.panel p, .sidebar .hint { font-size: 13px; color: #f4edf4; margin: 0; }
.panel input, .panel select { font: inherit; padding: 4px; border-radius: 4px; border: 1px solid #ccc; }
.panel button, .composer button { font: inherit; font-weight: 700; background: #007a5a; color: #fff; border: 0; border-radius: 4px; padding: 6px 10px; cursor: pointer; }
#moderator-switch[aria-checked="false"] { background: #616061; }
#moderator-switch[aria-checked="false"]::after { content: ": off"; }
#moderator-switch[aria-checked="true"]::after { content: ": on"; }
.channel { display: flex; flex-direction: column; min-height: 0; }
.channel header { border-bottom: 1px solid #ddd; padding: 8px 20px; }
.channel h1 { font-size: 18px; margin: 0; }
.channel header p { margin: 0; color: #616061; font-size: 13px; }
.messages { flex: 1; overflow: auto; margin: 0; padding: 8px 20px; }
.messages ul { list-style: none; margin: 0; padding: 0; }
.message { padding: 8px 0; border-bottom: 1px solid #f3f3f3; }
.message.ephemeral { background: #f8f8f8; border-left: 3px solid #c7c7c7; padding-left: 8px; }
.meta { display: flex; gap: 8px; align-items: baseline; }
.author { font-weight: 900; }
.app-badge { font-size: 10px; background: #e8e8e8; color: #454245; padding: 0 3px; border-radius: 2px; font-weight: 700; }
.time, .only-you { color: #616061; font-size: 12px; }
.section { display: flex; gap: 12px; justify-content: space-between; margin: 4px 0; }
.fields { display: grid; grid-template-columns: 1fr 1fr; gap: 4px 16px; margin-top: 4px; }
.context { color: #616061; font-size: 13px; margin: 4px 0; display: flex; gap: 8px; flex-wrap: wrap; }
.header { font-size: 17px; margin: 4px 0; }
.actions { display: flex; gap: 8px; flex-wrap: wrap; margin: 6px 0; }
.block-button, .shortcut, .dialog-buttons button { font: inherit; font-size: 14px; font-weight: 700; background: #fff; color: #1d1c1d; border: 1px solid #8d8d8d; border-radius: 4px; padding: 3px 12px; cursor: pointer; }
.block-button.primary, .dialog-buttons .primary { background: #007a5a; color: #fff; border-color: #007a5a; }
.block-button.danger, .dialog-buttons .danger { background: #e01e5a; color: #fff; border-color: #b3124a; }
.message-actions { margin-top: 4px; }
.shortcut { font-size: 12px; font-weight: 400; }
.mention { background: #e8f5fa; color: #1264a3; border-radius: 3px; padding: 0 2px; }
code { background: #f6f6f6; border: 1px solid #ddd; border-radius: 3px; color: #c01343; padding: 0 3px; font-size: 12px; }
pre { background: #f8f8f8; border: 1px solid #ddd; border-radius: 4px; padding: 8px; white-space: pre-wrap; }
blockquote { margin: 4px 0; padding-left: 12px; border-left: 4px solid #ddd; }
a { color: #1264a3; }
hr { border: 0; border-top: 1px solid #ddd; }
.metadata { color: #616061; font-size: 12px; }
.metadata-toggle { font: inherit; font-size: 12px; color: #616061; background: none; border: 0; padding: 0; cursor: pointer; text-decoration: underline dotted; }
.metadata-toggle::before { content: "▸ "; }
.metadata-toggle[aria-expanded="true"]::before { content: "▾ "; }
.composer { display: flex; gap: 8px; padding: 12px 20px; border-top: 1px solid #ddd; }
.composer textarea { flex: 1; font: inherit; padding: 8px; border: 1px solid #8d8d8d; border-radius: 6px; resize: none; }
.backdrop { position: fixed; inset: 0; background: rgba(0,0,0,.45); display: flex; align-items: center; justify-content: center; }
.dialog { background: #fff; border-radius: 8px; padding: 20px 24px; width: min(520px, 92vw); box-shadow: 0 10px 40px rgba(0,0,0,.3); }
.dialog h2 { margin: 0 0 12px; font-size: 20px; }
.dialog-buttons { display: flex; justify-content: flex-end; gap: 8px; margin-top: 16px; }
.input-block { margin: 12px 0; display: flex; flex-direction: column; gap: 4px; }
.input-block label, legend { font-weight: 700; }
.input-block input[type=text], .input-block textarea { font: inherit; padding: 6px; border: 1px solid #8d8d8d; border-radius: 4px; }
.input-block [aria-invalid="true"] { border-color: #e01e5a; }
fieldset { border: 0; padding: 0; margin: 0; }
.hint { color: #616061; font-size: 13px; margin: 0; }
.error { color: #b3124a; font-size: 13px; margin: 0; }
.error:empty { display: none; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
`;

/** The page's script: the Block Kit renderer, the dialogs and the client, from their source text (esbuild's name helper made inert). */
export function playgroundScript(): string {
  return [
    '"use strict";',
    "var __name = function (target) { return target; };",
    `var blockKit = ${blockKit.toString()};`,
    `var dialogs = ${dialogs.toString()};`,
    `(${clientMain.toString()})();`,
  ].join("\n");
}
