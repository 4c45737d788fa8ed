import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

// Exposing gc at run time spares every caller a node flag (tsx starts node on our behalf).
setFlagsFromString("--expose-gc");

/** A full collection, so that a measured round never pays for the garbage an earlier one left behind. */
export const collectGarbage = runInNewContext("gc") as () => void;
