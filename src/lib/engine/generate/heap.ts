/**
 * A small binary min-heap of timed events for the generator's simulations (bets settling, withdrawals
 * arriving). Ties on time are broken by insertion order, so the simulation, and hence the files, are
 * deterministic.
 */

interface Entry<T> {
  at: number;
  seq: number;
  value: T;
}

export class EventQueue<T> {
  private items: Entry<T>[] = [];
  private seq = 0;

  get size(): number {
    return this.items.length;
  }

  push(at: number, value: T): void {
    const items = this.items;
    items.push({ at, seq: this.seq++, value });
    let i = items.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const parent = items[p];
      const node = items[i];
      if (!parent || !node || !before(node, parent)) break;
      items[p] = node;
      items[i] = parent;
      i = p;
    }
  }

  /** Time of the earliest event, or Infinity when empty. */
  peekAt(): number {
    return this.items[0]?.at ?? Infinity;
  }

  /** Removes and returns the earliest event. */
  pop(): { at: number; value: T } | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (!top || !last) return undefined;
    if (items.length > 0) {
      items[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        const li = items[l];
        const ri = items[r];
        const mi = items[m];
        if (li && mi && before(li, mi)) m = l;
        const mm = items[m];
        if (ri && mm && before(ri, mm)) m = r;
        if (m === i) break;
        const a = items[i];
        const b = items[m];
        if (!a || !b) break;
        items[i] = b;
        items[m] = a;
        i = m;
      }
    }
    return { at: top.at, value: top.value };
  }
}

function before<T>(a: Entry<T>, b: Entry<T>): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}
