// What bench-ui.mjs measures on a page: long tasks, long animation frames (with their scripts) and a
// heartbeat's longest gap, recorded from before the page loads and printed as one line per phase.
import { loadavg } from 'node:os';

/** Records long tasks and long animation frames (with their scripts) from before the page loads. */
export async function observe(page) {
  await page.addInitScript(() => {
    const w = /** @type {any} */ (window);
    w.__tasks = [];
    w.__frames = [];
    // A heartbeat: the longest gap between two 10 ms timers is how long the page could not answer
    // (a flood of small tasks freezes the page without any one long task).
    w.__beats = [];
    let last = performance.now();
    setInterval(() => {
      const now = performance.now();
      w.__beats.push({ start: last, gap: now - last });
      last = now;
    }, 10);
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__tasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
    try {
      new PerformanceObserver((list) => {
        for (const e of /** @type {any[]} */ (list.getEntries())) {
          w.__frames.push({
            start: e.startTime, duration: e.duration,
            // The invoker ("Worker.onmessage", or a script's URL) and the file it ran in, by name only.
            scripts: e.scripts.map((s) => ({ name: [...new Set([s.invoker, s.sourceURL].map((u) => (u || '').split('/').pop()))].join(' ').trim(), duration: s.duration })),
          });
        }
      }).observe({ type: 'long-animation-frame', buffered: true });
    } catch {
      // Long animation frames are attribution only.
    }
  });
}

/** Runs `work` and prints the phase's line from the tasks that started while it ran. */
export async function phase(page, name, work) {
  const from = await page.evaluate(() => performance.now());
  const extra = (await work()) ?? '';
  const to = await page.evaluate(() => performance.now());
  const { tasks, frames, gap } = await page.evaluate(([a, b]) => {
    const w = /** @type {any} */ (window);
    return {
      tasks: w.__tasks.filter((t) => t.start >= a && t.start <= b),
      frames: w.__frames.filter((f) => f.start >= a && f.start <= b),
      gap: Math.max(0, ...w.__beats.filter((t) => t.start >= a && t.start <= b).map((t) => t.gap)),
    };
  }, [from, to]);
  const longest = Math.max(0, ...tasks.map((t) => t.duration));
  const worst = frames.sort((a, b) => b.duration - a.duration)[0];
  const top = worst?.scripts.sort((a, b) => b.duration - a.duration)[0];
  console.log(
    `ui: phase=${name} longest_task_ms=${Math.round(longest)} tasks_over_50ms=${tasks.filter((t) => t.duration > 50).length} longest_gap_ms=${Math.round(gap)}` +
      ` top_script="${top ? `${top.name} ${Math.round(top.duration)}ms` : 'none'}" seconds=${((to - from) / 1000).toFixed(1)}${extra}` +
      ` target="0 tasks over 50 ms" load1=${loadavg()[0].toFixed(2)}`,
  );
}
