/**
 * One notebook: the cell runtime with its helpers, wired to the host (the current model, MNIST,
 * training runs). The worker (src/workers/notebook-adapter.ts) forwards messages to it; the unit
 * tests drive the same object in Node. No DOM.
 */
import { CellRuntime } from './runner';
import { makeBuiltins } from './builtins';
import { makeWorkshopHelpers } from './workshop-helpers';
import { isOutputHandle, textOutput, valueOutput } from './display';
import { cellTf, otherBackends, tfBanner } from './tf-setup';
import type { CellTF } from '../tfjs/tf';
import type { CellMessage, CellRequest, OutputSink } from './protocol';
import type { WorkerCommand, WorkerEvent } from '../workshop/protocol';
import { WorkshopHost, type WorkshopHostOptions } from '../workshop/host';
import type { TrainingRun } from './training-run';
import { runCheck } from '../exercises/checks';
import { guardBuiltins, type BuiltinsGuard } from '../exercises/builtins-guard';
import { CellOutput } from './cell-output';

export interface NotebookRuntimeOptions extends Omit<WorkshopHostOptions, 'post' | 'onAdopt'> {
  post: (m: CellMessage | WorkerEvent, transfer?: Transferable[]) => void;
  /** How often repeated updates of one output are sent (ms); 0 sends each at once. */
  updateEveryMs?: number;
}

export class NotebookRuntime {
  readonly host: WorkshopHost;
  readonly runtime: CellRuntime;
  /** While > 0, console output is dropped instead of shown below the cell. */
  muted = 0;
  private current = { runId: 0, cell: '', resume: false };
  private controller = new AbortController();
  /** What the running cell shows (cell-output.ts: the output limit, coalesced updates). */
  private output: CellOutput;
  private runs = new Set<TrainingRun>();
  private tf?: CellTF;
  private queue = Promise.resolve();
  /** The built-ins before the first cell ran: the exercises' checks grade with these. */
  private builtins?: BuiltinsGuard;
  readonly sink: OutputSink;

  constructor(private readonly o: NotebookRuntimeOptions) {
    this.output = new CellOutput(o.post, o.updateEveryMs, () => this.current.runId, () => this.controller.signal);
    this.sink = this.output.sink;
    this.host = new WorkshopHost({
      ...o,
      // Weights the page loads (Skip ahead, a file) become the notebook's `net`.
      onAdopt: (net) => {
        this.runtime.scope.net = net;
      },
    });
    const builtins = makeBuiltins(this.sink);
    const helpers = makeWorkshopHelpers({ sink: this.sink, host: this.host, run: () => this.current, yieldToMessages: o.yieldToMessages, runs: this.runs });
    const self = this;
    const course = {
      ...builtins,
      ...helpers,
      /** Aborted when the student presses Stop; pass it to long loops that take a signal. */
      get signal() {
        return self.controller.signal;
      },
      get backend() {
        return self.host.backend;
      },
      /** Yields to the message loop so Stop can reach the cell; throws if Stop was pressed. */
      async stopPoint() {
        await o.yieldToMessages();
        self.controller.signal.throwIfAborted();
      },
    };
    this.runtime = new CellRuntime({ ...builtins, ...helpers, course, __import: (name: string) => this.importModule(name) });
  }

  private static TF_MODULES = ['@tensorflow/tfjs', '@tensorflow/tfjs-core', '@tensorflow/tfjs-layers'];

  /** What `import … from 'name'` gives a cell. */
  private async importModule(name: string): Promise<unknown> {
    if (!NotebookRuntime.TF_MODULES.includes(name)) {
      throw new Error(`Cannot import '${name}' in a cell: the notebook provides ${NotebookRuntime.TF_MODULES.map((m) => `'${m}'`).join(', ')}; the course helpers need no import`);
    }
    const first = !this.tf;
    // tfjs reports each backend it probes and rejects (e.g. no WebGPU adapter) on the console; the cell shows the outcome.
    this.muted++;
    try {
      this.tf = await cellTf(await this.host.ensureTf());
    } finally {
      this.muted--;
    }
    if (first) {
      const { backend, backends } = this.host;
      const others = otherBackends(backends, backend);
      this.sink.add({ kind: 'text', text: tfBanner(this.tf, backend, backends.find((b) => b.name === backend)?.detail) + (others ? `\n${others}` : '') });
    }
    return this.tf;
  }

  /** Output for console.log and friends while a cell runs. */
  print(stream: 'stdout' | 'stderr', values: unknown[]): void {
    if (!this.muted) this.sink.add(textOutput(values, stream));
  }

  /** A message from the page: a cell request or a host request. */
  receive(msg: CellRequest | WorkerCommand): void {
    if (msg.type === 'ping') {
      this.o.post({ type: 'pong' });
    } else if (msg.type === 'interrupt') {
      this.controller.abort(new DOMException('Stopped', 'AbortError'));
      this.host.pause.set(false);
    } else if (msg.type === 'run') {
      // Cells run one at a time, in order; interrupts and host requests come in between (and during awaits).
      this.queue = this.queue.then(() => this.run(msg));
    } else {
      this.host.handle(msg).catch((err: unknown) => {
        this.o.post({ type: 'error', id: 'id' in msg ? msg.id : undefined, command: msg.type, message: err instanceof Error ? err.message : String(err) });
      });
    }
  }

  /** Resolves when every queued cell has run. */
  idle(): Promise<void> {
    return this.queue;
  }

  private async run(req: Extract<CellRequest, { type: 'run' }>) {
    this.current = { runId: req.runId, cell: req.cell, resume: req.resume === true };
    this.controller = new AbortController();
    this.host.pause.set(false);
    this.builtins ??= guardBuiltins(); // before any student code has run
    this.output.reset();
    const notebook = this.runtime.scope;
    // An exercise runs in a fresh scope over the notebook's: the check sees what this run defined, never an earlier run's.
    const fresh: Record<string, unknown> | undefined = req.check ? Object.create(notebook) : undefined;
    try {
      if (fresh) this.builtins.restore(); // an override left by earlier code does not reach this run
      const value = await this.runtime.run(req.source, req.cell, fresh);
      if (value !== undefined && !isOutputHandle(value)) this.sink.add(valueOutput(value));
      // An exercise: its check calls what the cell defined (on hidden inputs) and grades it.
      const report = fresh && req.check
        ? await runCheck(req.check, {
            get: (name) => (Object.hasOwn(fresh, name) ? fresh[name] : undefined),
            notebook: (name) => fresh[name],
            describe: (e) => this.runtime.describe(e, req.cell),
            restoreBuiltins: () => this.builtins!.restore(),
          })
        : undefined;
      this.controller.signal.throwIfAborted(); // Stop during the check: "interrupted", not a verdict
      await this.endRuns();
      this.output.flush();
      this.output.postNote(true);
      if (fresh) this.builtins.restore(); // nothing the student's code left running can change the verdict's message
      this.o.post({ type: 'cell-done', runId: req.runId, token: req.token, ok: true, ...(report ? { report } : {}) });
    } catch (e) {
      await this.endRuns();
      this.output.flush();
      this.output.postNote(true);
      const interrupted = this.controller.signal.aborted;
      const error = interrupted ? { name: 'Interrupted', message: 'Stopped by the Stop button' } : this.runtime.describe(e, req.cell);
      if (fresh) this.restoreQuietly();
      this.o.post({ type: 'cell-done', runId: req.runId, token: req.token, ok: false, error, interrupted });
    } finally {
      // As in Jupyter, what an exercise defined is the notebook's too (the check only ever reads this run's).
      if (fresh) for (const name of Object.keys(fresh)) notebook[name] = fresh[name];
    }
  }

  private restoreQuietly() {
    try {
      this.builtins?.restore();
    } catch {
      // A built-in frozen by the student's code: the next check says so.
    }
  }

  /** Training runs the cell left unfinished (an error, a break out of the loop) show as stopped. */
  private async endRuns() {
    for (const r of this.runs) await r.end().catch(() => undefined);
    this.runs.clear();
  }
}
