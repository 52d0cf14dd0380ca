// One listing's running account against its budgets: bytes read, models seen, pages fetched and
// the deadline. Adapters and the HTTP layer charge it as data arrives, so a listing stops at the
// first byte, model or page over budget instead of after holding all of it.
import { BUDGET_ENV, BUDGET_UNIT, type BudgetName, type ListingBudgets } from "../budgets.js";
import type { ProviderError } from "../outcome.js";

export class ListingBudget {
  readonly limits: ListingBudgets;
  readonly #provider: string;
  readonly #deadline: number;
  #bytes = 0;
  #models = 0;
  #pages = 0;

  constructor(provider: string, limits: ListingBudgets, now: number = performance.now()) {
    this.#provider = provider;
    this.limits = limits;
    this.#deadline = now + limits.listingMs;
  }

  bytesLeft(): number {
    return Math.max(0, this.limits.listingBytes - this.#bytes);
  }

  msLeft(): number {
    return Math.max(0, this.#deadline - performance.now());
  }

  chargeBytes(n: number): void {
    this.#bytes += n;
  }

  /** Call before fetching a page; an error when the page would be over the pages budget. */
  nextPage(op: string): ProviderError | undefined {
    if (this.#pages >= this.limits.pages) return this.over("pages", op);
    this.#pages++;
    return undefined;
  }

  /** An error when the bytes read so far passed the budget: parallel requests (Ollama's
   * shows) each start within it and may end past it together. */
  bytesOver(op: string): ProviderError | undefined {
    return this.#bytes > this.limits.listingBytes ? this.over("listingBytes", op) : undefined;
  }

  /** Counts `n` more models; an error once the total passes the models budget. */
  addModels(n: number, op: string): ProviderError | undefined {
    this.#models += n;
    return this.#models > this.limits.models ? this.over("models", op) : undefined;
  }

  /** The typed failure for a budget: secret-free, naming the budget and how to raise it. */
  over(budget: BudgetName, op: string): ProviderError {
    const limit = this.limits[budget];
    return {
      kind: "over_budget",
      provider: this.#provider,
      budget,
      limit,
      message: `${this.#provider} ${op}: over budget: more than ${limit} ${BUDGET_UNIT[budget]} (raise ${BUDGET_ENV[budget]} or the budgets.${budget} option)`,
    };
  }
}
