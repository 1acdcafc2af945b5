/** A forward cursor over a list of segments. */
import type { Segment } from '../../syntax/types.ts';

export class Cursor {
  private i = 0;
  constructor(readonly segs: readonly Segment[]) {}
  /** Index of the segment at the cursor. */
  get position(): number {
    return this.i;
  }
  /** Move past `n` segments (callers know they are there). */
  skip(n: number): void {
    this.i = Math.min(this.i + n, this.segs.length);
  }
  more(): boolean {
    return this.i < this.segs.length;
  }
  peek(): Segment | undefined {
    return this.segs[this.i];
  }
  peekId(): string {
    return this.segs[this.i]?.id ?? '';
  }
  /** The segment at the cursor, advancing past it (callers check `more()` first). */
  next(): Segment {
    const s = this.segs[this.i];
    if (!s) throw new RangeError('cursor past end'); // programming error, not input error
    this.i++;
    return s;
  }
  /** Take the next segment if its id matches. */
  take(id: string): Segment | undefined {
    return this.peekId() === id ? this.next() : undefined;
  }
}
