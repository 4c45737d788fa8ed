import type { CountryCode } from "libphonenumber-js";

/** Every backend SPEC §2 names, so WA_BACKEND=cloud is understood (and refused in words) rather than a typo. */
export const WA_BACKENDS = ["onprem", "cloud", "sandbox"] as const;
export type WaBackendName = (typeof WA_BACKENDS)[number];

/** The backends this version carries; the configuration check refuses the others. */
export const AVAILABLE_BACKENDS = ["onprem", "sandbox"] as const satisfies readonly WaBackendName[];
export type AvailableBackend = (typeof AVAILABLE_BACKENDS)[number];

export const LOG_LEVELS = ["debug", "info", "warn", "error"] as const;
export type ConfigLogLevel = (typeof LOG_LEVELS)[number];

/** The validated environment (SPEC §2). Optional settings are absent, never undefined. */
export interface Config {
  slack: {
    botToken: string;
    signingSecret?: string;
    appToken?: string;
    apiUrl?: string;
    socketMode: boolean;
  };
  port: number;
  whatsapp: {
    backend: AvailableBackend;
    apiUrl?: string;
    username?: string;
    password?: string;
    token?: string;
    caFile?: string;
    timeoutMs: number;
    defaultCountry: CountryCode;
    graphUrl: string;
    phoneNumberId?: string;
    appSecret?: string;
    verifyToken?: string;
  };
  storeUrl: string;
  moderators: { users: string[]; groups: string[] };
  auditChannel?: string;
  relayChannel?: string;
  webhookSecret?: string;
  checkDailyBudget: number;
  blocklistPageSize: number;
  logLevel: ConfigLogLevel;
}
