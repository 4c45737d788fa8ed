import { startCloudSandbox } from "./cloud/cloud-sandbox.js";
import type { CloudSandboxHandle, CloudSandboxOptions } from "./cloud/types.js";
import { startOnPremSandbox } from "./onprem-sandbox.js";
import type { SandboxHandle, SandboxOptions } from "./types.js";

/** Either shape's handle; `shape` tells them apart. */
export type AnySandboxHandle = SandboxHandle | CloudSandboxHandle;

/**
 * Starts the sandbox on 127.0.0.1 and resolves once it accepts connections: the On-Premises shape by default,
 * the Cloud API shape with `{ shape: "cloud" }`.
 */
export function startSandbox(options: CloudSandboxOptions): Promise<CloudSandboxHandle>;
export function startSandbox(options?: SandboxOptions): Promise<SandboxHandle>;
export function startSandbox(
  options: SandboxOptions | CloudSandboxOptions = {},
): Promise<SandboxHandle | CloudSandboxHandle> {
  return options.shape === "cloud" ? startCloudSandbox(options) : startOnPremSandbox(options);
}
