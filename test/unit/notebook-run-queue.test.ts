// The notebook's run queue: setup cells first on a fresh runtime, no duplicates, Resume training's
// cells (the optional sweep left out), and an error or Stop emptying the queue.
import { describe, expect, it } from 'vitest';
import { RunQueue, type QueueCell } from '../../src/lib/notebook/run-queue';

const mk = (label: string, isSetup = false, isOptional = false): QueueCell => ({ label, isSetup, isOptional });
const page = [mk('setup', true), mk('load-mnist'), mk('split'), mk('lr-sweep', false, true), mk('training'), mk('test-risk')];
const labels = (cs: readonly QueueCell[]) => cs.map((c) => c.label);
const byLabel = (l: string) => page.find((c) => c.label === l)!;

/** Runs everything queued, each cell ending ok unless listed in `fail`. */
function drain(q: RunQueue<QueueCell>, fail: string[] = []) {
  const order: string[] = [];
  for (let n = q.next(); n; n = q.next()) {
    order.push(`${n.cell.label}${n.resume ? ' (resume)' : ''}`);
    q.finished(!fail.includes(n.cell.label));
  }
  return order;
}

describe('RunQueue', () => {
  it('runs the setup cell once per runtime, before the first cell below it', () => {
    const q = new RunQueue(() => page);
    expect(labels(q.enqueue(byLabel('split')))).toEqual(['setup', 'split']);
    expect(drain(q)).toEqual(['setup', 'split']);
    expect(labels(q.enqueue(byLabel('load-mnist')))).toEqual(['load-mnist']);
    drain(q);
    q.restarted();
    expect(labels(q.enqueue(byLabel('load-mnist')))).toEqual(['setup', 'load-mnist']);
  });

  it('queues a cell once, whether waiting or running, and Run all goes top to bottom', () => {
    const q = new RunQueue(() => page);
    q.enqueue(byLabel('split'));
    expect(q.enqueue(byLabel('split'))).toEqual([]);
    const n = q.next();
    expect(n?.cell.label).toBe('setup');
    expect(q.next()).toBeNull(); // one at a time
    q.finished(true);
    // Run all runs every cell, the setup cell included (split is already waiting).
    expect(labels(q.runAll())).toEqual(['setup', 'load-mnist', 'lr-sweep', 'training', 'test-risk']);
    expect(drain(q)).toEqual(['split', 'setup', 'load-mnist', 'lr-sweep', 'training', 'test-risk']);
  });

  it('Resume training runs what the run needs (not the optional sweep), then the cell, resuming', () => {
    const q = new RunQueue(() => page);
    q.enqueue(byLabel('load-mnist'));
    drain(q);
    expect(labels(q.resume('training'))).toEqual(['split', 'training']);
    expect(drain(q)).toEqual(['split', 'training (resume)']);
    expect(q.resume('no-such-cell')).toEqual([]);
    // A later plain Run of the same cell starts a new run.
    q.enqueue(byLabel('training'));
    expect(drain(q)).toEqual(['training']);
  });

  it('an error or Stop empties the queue, and forgets a pending resume', () => {
    const q = new RunQueue(() => page);
    q.runAll();
    expect(drain(q, ['split'])).toEqual(['setup', 'load-mnist', 'split']);
    expect(q.waiting).toEqual([]);
    // setup and load-mnist ran; split failed, so resuming needs it again.
    q.resume('training');
    expect(labels(q.clear())).toEqual(['split', 'training']);
    expect(drain(q)).toEqual([]);
    q.enqueue(byLabel('training'));
    expect(drain(q)).toEqual(['training']); // not a resume any more
  });
});
