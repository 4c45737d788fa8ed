import { describe, expect, it } from "vitest";
import { budgetLeft, createCheckBudget } from "../../src/moderation/budget.js";
import { BudgetExhaustedError } from "../../src/moderation/errors.js";
import { replicaStores } from "../support/replica-stores.js";
import { STORE_TARGETS } from "../support/store-targets.js";

const LIMIT = 30;
const REPLICAS = 3;
const ASKS_PER_REPLICA = 20;

for (const target of STORE_TARGETS) {
  describe.skipIf(!target.available)(
    `the daily check budget shared through the ${target.name} store${target.skipReason}`,
    () => {
      const openStores = replicaStores();

      it("lets replicas asking at once spend exactly the budget, and refuses every look-up beyond it", async () => {
        const stores = await openStores(target, REPLICAS);
        const budgets = stores.map((store) => createCheckBudget(store, LIMIT, Date.now));

        const outcomes = await Promise.all(
          budgets.flatMap((budget) =>
            Array.from({ length: ASKS_PER_REPLICA }, () =>
              budget.reserve(1).then(
                () => "granted",
                (error: unknown) => (error instanceof BudgetExhaustedError ? "refused" : error),
              ),
            ),
          ),
        );

        expect(outcomes.filter((outcome) => outcome !== "granted" && outcome !== "refused")).toEqual([]);
        expect(outcomes.filter((outcome) => outcome === "granted")).toHaveLength(LIMIT);
        expect(outcomes.filter((outcome) => outcome === "refused")).toHaveLength(
          REPLICAS * ASKS_PER_REPLICA - LIMIT,
        );
        const [first] = stores;
        if (first === undefined) throw new Error("no store opened");
        expect(await budgetLeft(first, LIMIT, Date.now)).toBe(0);
      });
    },
  );
}
