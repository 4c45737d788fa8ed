import type { FaultBodies } from "../faults.js";
import { type GraphErrorExtras, graphError } from "./graph-errors.js";

/** Graph's wording of the codes a fault may name (Meta's OpenAPI examples where it has them). */
const GRAPH_CODES: Readonly<Record<number, { message: string } & GraphErrorExtras>> = {
  1: { message: "An unexpected error occurred", transient: true },
  2: {
    message: "An unexpected error occurred. Please retry your request",
    type: "GraphMethodException",
    transient: true,
  },
  4: { message: "Application request limit reached", subcode: 2446079, transient: true },
  17: { message: "User request limit reached", subcode: 2446079, transient: true },
  80007: {
    message: "Business request limit reached for WhatsApp Business Account",
    subcode: 2446079,
    transient: true,
  },
  130429: { message: "(#130429) Rate limit hit" },
  131000: { message: "(#131000) Something went wrong" },
  139103: { message: "(#139103) Internal error" },
};

const DEFAULT_CODES: Record<429 | 503 | 500, number> = { 429: 130429, 503: 2, 500: 1 };

function faultError(code: number, message?: string) {
  const known = GRAPH_CODES[code];
  const { message: usual, ...extras } = known ?? { message: `(#${code}) Injected error` };
  return { error: graphError(code, message ?? usual, { ...extras, details: "Injected by the sandbox" }) };
}

/** Faults on the Cloud shape answer Graph errors; `errors200` is a Graph error sent with HTTP 200. */
export const graphFaultBodies: FaultBodies = {
  status: (status, code) => faultError(code ?? DEFAULT_CODES[status]),
  errors200: (code, title) => faultError(code, title),
};
