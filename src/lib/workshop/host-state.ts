/**
 * What the views show of the host (HostClient keeps it): its backend, whether MNIST is loaded, the
 * current model and where it came from, and the running cell.
 */
import type { BackendInfo, BackendName, ModelOrigin, WeightsInfo, WorkerEvent } from './protocol';

export interface HostState {
  backend?: BackendName;
  backends: BackendInfo[];
  dataReady: boolean;
  /** The current model: what it is and where it came from (undefined: none yet, or not known yet). */
  weights?: WeightsInfo;
  origin?: ModelOrigin;
  /** Bumped whenever the current model changes, so results can be matched to it. */
  weightsVersion: number;
  /** The notebook cell that is running (views wait for it to end before they evaluate), or null. */
  runningCell: string | null;
}

/** What a host event says of the state (the backend, MNIST loaded, the current model). */
export function noteHostEvent(state: HostState, e: WorkerEvent): void {
  switch (e.type) {
    case 'ready':
      state.backend = e.backend;
      state.backends = e.backends;
      break;
    case 'dataReady':
      state.dataReady = true;
      break;
    case 'model':
      state.weights = e.info;
      state.origin = e.origin;
      state.weightsVersion = e.version;
      break;
  }
}

/** The worker was replaced: what it held is gone. */
export function forgetWorkerState(state: HostState): void {
  state.dataReady = false;
  // The model lived in the worker; the new one restores the last checkpoint when asked.
  state.weights = undefined;
  state.origin = undefined;
  state.weightsVersion++;
  state.runningCell = null;
}
