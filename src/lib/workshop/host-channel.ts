/**
 * The notebook's worker as the views reach it (the page's RuntimeSession, or a test's fake), what the
 * views hear from HostClient, and how a request fails.
 */
import type { WorkerCommand, WorkerEvent } from './protocol';

/** The notebook's worker as the views reach it. */
export interface HostChannel {
  send(command: WorkerCommand, transfer?: Transferable[]): void;
  onHostEvent(listener: (e: WorkerEvent) => void): () => void;
  /** The worker was replaced (Stop of a runaway cell, Restart, a crash): its state is gone. */
  onRestart(listener: (reason: string, message: string) => void): () => void;
}

/** The worker was replaced: every view shows this until it asks again. */
export interface RestartEvent { type: 'restart'; message: string }
export interface StateEvent { type: 'state' }
export type HostEvent = WorkerEvent | RestartEvent | StateEvent;
export type Answer<T extends WorkerEvent['type']> = Extract<WorkerEvent, { type: T }>;

export class WorkerError extends Error {}
