import { GroupCommit } from './group-commit';

describe('GroupCommit', () => {
  it('writes concurrent submissions together once a flush is in flight', async () => {
    const batches: number[][] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const gc = new GroupCommit<number, number>(
      async (items) => {
        batches.push(items);
        if (batches.length === 1) await gate;
        return items.map((i) => i * 10);
      },
      { maxBatch: 100, maxConcurrent: 1 },
    );
    const first = gc.submit(1);
    const rest = [2, 3, 4].map((i) => gc.submit(i));
    release();
    expect(await Promise.all([first, ...rest])).toEqual([10, 20, 30, 40]);
    expect(batches).toEqual([[1], [2, 3, 4]]);
  });

  it('fails every caller of a failed batch and keeps serving later ones', async () => {
    let fail = true;
    const gc = new GroupCommit<string, string>(
      async (items) => {
        if (fail) throw new Error('store down');
        return items;
      },
      { maxBatch: 10, maxConcurrent: 2 },
    );
    await expect(gc.submit('a')).rejects.toThrow('store down');
    fail = false;
    await expect(gc.submit('b')).resolves.toBe('b');
  });

  it('never puts more than maxBatch items in one flush', async () => {
    const sizes: number[] = [];
    const gc = new GroupCommit<number, number>(
      async (items) => {
        sizes.push(items.length);
        await new Promise((r) => setTimeout(r, 1));
        return items;
      },
      { maxBatch: 3, maxConcurrent: 1 },
    );
    await Promise.all(Array.from({ length: 10 }, (_, i) => gc.submit(i)));
    expect(Math.max(...sizes)).toBeLessThanOrEqual(3);
    expect(sizes.reduce((a, b) => a + b)).toBe(10);
  });
});
