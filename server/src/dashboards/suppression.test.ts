import { CellSize, MIN_FIRMS, suppressBreakdown } from './suppression';

/** A breakdown with a value per cell (one firm = one unit of value, so values reveal firm counts). */
function table(sizes: Record<string, number>, own: string[] = []) {
  const cells: CellSize[] = Object.entries(sizes).map(([key, firms]) => ({ key, firms, ownOnly: own.includes(key) }));
  const total = { firms: cells.reduce((s, c) => s + c.firms, 0), ownOnly: cells.every((c) => c.ownOnly) };
  return { cells, total };
}

/**
 * The differencing attack: from the published total and the published cells, what can an attacker
 * work out about the hidden cells? Returns the hidden cells' combined value (if the total is shown) and
 * how many cells it is spread over.
 */
function attack(sizes: Record<string, number>, own: string[] = []) {
  const { cells, total } = table(sizes, own);
  const r = suppressBreakdown(cells, total);
  const shown = cells.filter((c) => !r.cells.has(c.key));
  const hidden = cells.filter((c) => r.cells.has(c.key));
  const remainder = r.total ? null : total.firms - shown.reduce((s, c) => s + c.firms, 0);
  return { r, hidden: hidden.map((c) => c.key), remainder };
}

describe('suppression (the one rule for dashboard cells)', () => {
  it('shows cells of at least 5 firms and suppresses smaller ones', () => {
    const { r } = attack({ a: 12, b: 7, c: 3, d: 2 });
    expect([...r.cells.entries()]).toEqual([['c', 'PRIMARY'], ['d', 'PRIMARY']]);
    expect(r.total).toBeNull();
  });

  it('a single small cell takes the next smallest one with it, so total minus the rest does not reveal it', () => {
    const sizes = { a: 40, b: 9, c: 6, d: 2 };
    const { r, hidden, remainder } = attack(sizes);
    expect(r.cells.get('d')).toBe('PRIMARY');
    expect(r.cells.get('c')).toBe('COMPLEMENTARY');
    expect(hidden).toHaveLength(2);
    // The attacker learns only the sum of c and d (8), not d alone.
    expect(remainder).toBe(8);
    expect(remainder).not.toBe(sizes.d);
  });

  it('two tiny cells whose sum is still under 5 take a third one', () => {
    const { r, remainder } = attack({ a: 30, b: 8, c: 1, d: 1 });
    expect(r.cells.get('c')).toBe('PRIMARY');
    expect(r.cells.get('d')).toBe('PRIMARY');
    expect(r.cells.get('b')).toBe('COMPLEMENTARY');
    expect(remainder).toBeGreaterThanOrEqual(MIN_FIRMS);
  });

  it('the differencing attack never isolates a small cell (exhaustive over small tables)', () => {
    const values = [0, 1, 2, 3, 4, 5, 6, 9];
    for (const a of values) for (const b of values) for (const c of values) for (const d of values) {
      const sizes = { a, b, c, d };
      const { r, hidden, remainder } = attack(sizes);
      for (const [k, v] of Object.entries(sizes)) if (v > 0 && v < MIN_FIRMS) expect(r.cells.has(k)).toBe(true);
      if (remainder !== null && hidden.length > 0) {
        // What the attacker can compute covers at least two cells and at least 5 firms.
        expect(hidden.length).toBeGreaterThanOrEqual(2);
        expect(remainder).toBeGreaterThanOrEqual(MIN_FIRMS);
      }
    }
  });

  it('a total under 5 firms is suppressed with every cell', () => {
    const { r } = attack({ a: 2, b: 1 });
    expect(r.total).toBe('PRIMARY');
    expect(r.cells.size).toBe(2);
  });

  it('when only the total is left to hide the remainder, the total is suppressed', () => {
    const { r } = attack({ a: 3 , b: 20 }, ['b']);
    // b is the caller's own (not suppressed, and hiding it would not help: the caller knows it).
    expect(r.cells.has('b')).toBe(false);
    expect(r.cells.get('a')).toBe('PRIMARY');
    expect(r.total).toBe('COMPLEMENTARY');
  });

  it('cells made only of the caller\'s own records are never suppressed', () => {
    const { r } = attack({ mine: 2, theirs: 30, other: 12 }, ['mine']);
    expect(r.cells.size).toBe(0);
    expect(r.total).toBeNull();
  });

  it('own cells are not used as the complementary cell', () => {
    const { r } = attack({ small: 2, mineSmallest: 5, theirs: 6, big: 50 }, ['mineSmallest']);
    expect(r.cells.get('small')).toBe('PRIMARY');
    expect(r.cells.has('mineSmallest')).toBe(false);
    expect(r.cells.get('theirs')).toBe('COMPLEMENTARY');
  });

  it('is deterministic on ties (smallest, then key)', () => {
    const { r } = attack({ x: 2, b: 7, a: 7, z: 30 });
    expect(r.cells.get('a')).toBe('COMPLEMENTARY');
    expect(r.cells.has('b')).toBe(false);
  });
});
