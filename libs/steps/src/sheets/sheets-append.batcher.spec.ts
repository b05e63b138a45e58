import { SheetsAppendBatcher } from './sheets-append.batcher';
import type { SheetRow } from './sheets-append.types';

/** A stand-in for values.append: rows land after what is there, as Google reports it. */
function fakeSheet(sheetRef = 'Leads') {
  let used = 1;
  const calls: SheetRow[][] = [];
  let gate: Promise<void> | undefined;
  const send = async (rows: SheetRow[]) => {
    calls.push(rows);
    if (gate) await gate;
    const first = used + 1;
    used += rows.length;
    return `${sheetRef}!A${first}:C${used}`;
  };
  return { calls, send, hold: (g: Promise<void>) => (gate = g) };
}

const row = (...cells: string[]): SheetRow => cells;

describe('SheetsAppendBatcher', () => {
  it('sends rows arriving within the window as one call and gives each its own slice', async () => {
    const sheet = fakeSheet();
    const batcher = new SheetsAppendBatcher({ windowMs: 20 });
    const ranges = await Promise.all([
      batcher.submit('k', [row('a', 'b', 'c')], sheet.send),
      batcher.submit('k', [row('d', 'e'), row('f', 'g')], sheet.send),
      batcher.submit('k', [row('h')], sheet.send),
    ]);
    expect(sheet.calls).toHaveLength(1);
    expect(sheet.calls[0]).toHaveLength(4);
    expect(ranges).toEqual(['Leads!A2:C2', 'Leads!A3:B4', 'Leads!A5']);
  });

  it('keeps different tabs apart', async () => {
    const leads = fakeSheet('Leads');
    const orders = fakeSheet('Orders');
    const batcher = new SheetsAppendBatcher({ windowMs: 5 });
    const ranges = await Promise.all([batcher.submit('leads', [row('a')], leads.send), batcher.submit('orders', [row('b')], orders.send)]);
    expect(ranges).toEqual(['Leads!A2', 'Orders!A2']);
  });

  it('never puts more than maxRowsPerCall rows in one call, and never splits a submission', async () => {
    const sheet = fakeSheet();
    const batcher = new SheetsAppendBatcher({ windowMs: 1000, maxRowsPerCall: 3 });
    const started = Date.now();
    const ranges = await Promise.all([
      batcher.submit('k', [row('1'), row('2')], sheet.send),
      batcher.submit('k', [row('3'), row('4')], sheet.send),
      batcher.submit('k', [row('5'), row('6'), row('7'), row('8')], sheet.send),
    ]);
    expect(sheet.calls.map((c) => c.length)).toEqual([2, 2, 4]);
    expect(ranges).toEqual(['Leads!A2:A3', 'Leads!A4:A5', 'Leads!A6:A9']);
    expect(Date.now() - started).toBeLessThan(900); // full batches do not wait for the window
  });

  it('holds rows that arrive during a call for the next one', async () => {
    const sheet = fakeSheet();
    let release!: () => void;
    sheet.hold(new Promise<void>((r) => (release = r)));
    const batcher = new SheetsAppendBatcher({ windowMs: 1 });
    const first = batcher.submit('k', [row('a')], sheet.send);
    await new Promise((r) => setTimeout(r, 20));
    const later = [batcher.submit('k', [row('b')], sheet.send), batcher.submit('k', [row('c')], sheet.send)];
    await new Promise((r) => setTimeout(r, 20));
    expect(sheet.calls).toHaveLength(1);
    release();
    expect(await Promise.all([first, ...later])).toEqual(['Leads!A2', 'Leads!A3', 'Leads!A4']);
    expect(sheet.calls.map((c) => c.length)).toEqual([1, 2]);
  });

  it('fails every submitter of a failed call and serves later ones', async () => {
    const batcher = new SheetsAppendBatcher({ windowMs: 1 });
    const down = async () => {
      throw new Error('quota');
    };
    const failed = await Promise.allSettled([batcher.submit('k', [row('a')], down), batcher.submit('k', [row('b')], down)]);
    expect(failed.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    await expect(batcher.submit('k', [row('c')], fakeSheet().send)).resolves.toBe('Leads!A2');
  });

  it('passes through a range it cannot slice', async () => {
    const batcher = new SheetsAppendBatcher({ windowMs: 1 });
    await expect(batcher.submit('k', [row('a')], async () => 'Leads')).resolves.toBe('Leads');
  });
});
