/** Where call ids come from: blocks the database reserves (CALL_IDS_RESERVE). */
export interface CallIdSource {
  reserveCallIds(count: number): Promise<{ first: number; last: number }>;
}

/**
 * Call ids that never repeat for the life of the dialer's database (issue 15
 * §9), handed out synchronously (a call is made inside the engine's lock):
 * a block is reserved in the database before any id of it is used, and the
 * next block is fetched while half of the current one is still left. A crash
 * loses the rest of a block, never reuses an id of it.
 */
export class CallIds {
  private next = 1;
  private last = 0;
  private spare: { first: number; last: number } | null = null;
  private refilling: Promise<void> | null = null;

  constructor(
    private readonly source: CallIdSource,
    private readonly blockSize = 1000,
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {}

  /** Reserves the first block; call once before `take`. */
  async start(): Promise<void> {
    const block = await this.source.reserveCallIds(this.blockSize);
    this.next = block.first;
    this.last = block.last;
  }

  take(): string {
    if (this.next > this.last) {
      // Only when a whole half-block went by before the database answered the refill.
      if (!this.spare) throw new Error('no call id reserved: the dialer database did not answer in time');
      this.next = this.spare.first;
      this.last = this.spare.last;
      this.spare = null;
    }
    const id = this.next++;
    if (!this.spare && !this.refilling && this.last - this.next < this.blockSize / 2) this.refill();
    return String(id);
  }

  private refill(): void {
    this.refilling = this.source
      .reserveCallIds(this.blockSize)
      .then((block) => {
        this.spare = block;
      })
      .catch(this.onError)
      .finally(() => {
        this.refilling = null;
      });
  }
}
