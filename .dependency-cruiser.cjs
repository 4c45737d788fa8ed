/**
 * The layer arrows of docs/ARCHITECTURE.md, checked by `npm run lint` (depcruise src --config .dependency-cruiser.cjs).
 *
 * Every rule is an error. Type-only imports (`import type …`, or `import { type A, type B }`) are told apart from
 * value imports (tsPreCompilationDeps), so a rule that allows "types only" names the dependency type "type-only".
 */

/** Folders that hold a feature, as opposed to the foundations every feature may use. */
const FEATURES = "^src/(moderation|slack|relay|whatsapp|audit|http|metrics|sandbox)/";

/** The entry points: nothing imports them. */
const ENTRY_POINTS = ["^src/main\\.ts$", "^src/sandbox/cli\\.ts$"];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment:
        "No import cycle anywhere in src/, type-only imports included: the layers form a one-way graph.",
      from: { path: "^src/" },
      to: { circular: true },
    },
    {
      name: "moderation-not-to-surfaces",
      severity: "error",
      comment:
        "The moderation core knows nothing of who calls it: it imports neither Slack, nor the relay, nor the HTTP " +
        "routes, nor the composition root. Pass what it needs in as arguments from src/wiring.ts.",
      from: { path: "^src/moderation/" },
      to: { path: ["^src/slack/", "^src/relay/", "^src/http/", "^src/wiring\\.ts$"] },
    },
    {
      name: "whatsapp-only-to-foundations",
      severity: "error",
      comment:
        "A WhatsApp backend talks to WhatsApp and nothing else: from src/ it may import only src/common/, src/log/, " +
        "src/phone/, src/config/types.ts and itself (and src/sandbox/ from connect.ts, see the next rule).",
      from: { path: "^src/whatsapp/" },
      to: {
        path: "^src/",
        pathNot: ["^src/(whatsapp|common|log|phone|sandbox)/", "^src/config/types\\.ts$"],
      },
    },
    {
      name: "whatsapp-sandbox-only-from-connect",
      severity: "error",
      comment:
        "Only src/whatsapp/connect.ts starts the in-process emulator; the backends do not know it exists.",
      from: { path: "^src/whatsapp/", pathNot: "^src/whatsapp/connect\\.ts$" },
      to: { path: "^src/sandbox/" },
    },
    {
      name: "views-no-io-packages",
      severity: "error",
      comment:
        "src/slack/views/ are pure Block Kit builders: no sockets, files, processes or HTTP clients (node:http, " +
        "node:fs, node:net and kin, undici), not even for their types.",
      from: { path: "^src/slack/views/" },
      to: {
        path: [
          "^(node:)?(http|https|http2|fs|fs/promises|net|tls|dgram|dns|child_process|worker_threads)$",
          "(^|/)node_modules/undici/",
        ],
      },
    },
    {
      name: "views-bolt-types-only",
      severity: "error",
      comment: "src/slack/views/ may name Bolt's types (import type), never import a value from a Slack SDK.",
      from: { path: "^src/slack/views/" },
      to: {
        path: "(^|/)node_modules/@slack/(bolt|web-api|socket-mode|oauth)/",
        dependencyTypesNot: ["type-only"],
      },
    },
    {
      name: "views-no-io-modules",
      severity: "error",
      comment:
        "src/slack/views/ import nothing that does I/O: not the store, the relay, the Slack replies, listeners, " +
        "flows, middleware or clients. A view is given the data it shows.",
      from: { path: "^src/slack/views/" },
      to: {
        path: [
          "^src/store/",
          "^src/relay/",
          "^src/slack/(reply|listeners|flows|middleware)/",
          "^src/slack/(bolt-app|web-client|usergroup-members)\\.ts$",
        ],
      },
    },
    {
      name: "views-whatsapp-types-only",
      severity: "error",
      comment: "src/slack/views/ may name a WhatsApp type (import type), never call a backend.",
      from: { path: "^src/slack/views/" },
      to: { path: "^src/whatsapp/", dependencyTypesNot: ["type-only"] },
    },
    {
      name: "slack-only-from-composition-root",
      severity: "error",
      comment:
        "Slack is a surface: outside src/slack/ only the composition root (src/wiring*.ts), the operator CLI " +
        "(src/cli/, for the audit channel's Web API client) and the local playground (src/playground/) import it.",
      from: {
        path: "^src/",
        pathNot: [
          "^src/slack/",
          "^src/wiring\\.ts$",
          "^src/wiring-core\\.ts$",
          "^src/wiring-relay\\.ts$",
          "^src/cli/",
          "^src/playground/",
        ],
      },
      to: { path: "^src/slack/" },
    },
    {
      name: "foundations-not-to-features",
      severity: "error",
      comment:
        "src/store/, src/phone/, src/common/ and src/log/ are foundations: they import no feature folder. Move the " +
        "shared piece down into a foundation instead.",
      from: { path: "^src/(store|phone|common|log)/" },
      to: { path: FEATURES },
    },
    {
      name: "production-not-to-test-or-bench",
      severity: "error",
      comment: "Production code never imports from test/ or bench/.",
      from: { path: "^src/" },
      to: { path: "^(test|bench)/" },
    },
    {
      name: "no-orphans",
      severity: "error",
      comment: "A module in src/ that nothing imports and that imports nothing is dead: use it or remove it.",
      from: { orphan: true, path: "^src/", pathNot: [...ENTRY_POINTS, "\\.d\\.ts$"] },
      to: {},
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      mainFields: ["module", "main", "types", "typings"],
    },
  },
};
