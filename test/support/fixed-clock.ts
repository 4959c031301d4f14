import { Clock } from '../../src/common/time/business-clock';

/** A clock the test moves by hand; `null` means real time. */
export class FixedClock extends Clock {
  private fixed: Date | null = null;

  protected current(): Date {
    return this.fixed ? new Date(this.fixed) : new Date();
  }

  set(instant: string | Date): void {
    this.fixed = new Date(instant);
  }

  advance(ms: number): void {
    this.fixed = new Date(this.current().getTime() + ms);
  }

  reset(): void {
    this.fixed = null;
  }
}
