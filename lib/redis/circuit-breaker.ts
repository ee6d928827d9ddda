/**
 * Opens after `failureThreshold` consecutive transport failures; while open every call fails at
 * once (no request waits on time-outs); after `openMs` one trial call decides whether to close.
 */
export class CircuitBreaker {
  private consecutiveFailures = 0;
  private openUntil = 0;
  private trialInFlight = false;

  constructor(
    private readonly failureThreshold = 2,
    private readonly openMs = 2_000,
    private readonly now: () => number = Date.now,
  ) {}

  get isOpen(): boolean {
    return this.openUntil > this.now();
  }

  /** Whether a call may go to the store now. */
  allow(): boolean {
    if (this.consecutiveFailures < this.failureThreshold) return true;
    if (this.isOpen || this.trialInFlight) return false;
    this.trialInFlight = true;
    return true;
  }

  succeeded(): void {
    this.consecutiveFailures = 0;
    this.openUntil = 0;
    this.trialInFlight = false;
  }

  failed(): void {
    this.consecutiveFailures += 1;
    this.trialInFlight = false;
    if (this.consecutiveFailures >= this.failureThreshold)
      this.openUntil = this.now() + this.openMs;
  }
}
