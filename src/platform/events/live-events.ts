import { EventEmitter } from 'node:events';

/**
 * Tells live viewers that a meeting (or the set of publications) changed. Publish only after
 * the change has committed, so a viewer that reloads sees it. In one process this is an
 * EventEmitter; with several app instances on PostgreSQL, postgres-live-events.ts carries each
 * event to the other instances as well.
 */
export type LiveEvents = {
  publish(topic: string): void;
  /** Returns the unsubscribe function. */
  subscribe(topic: string, listener: () => void): () => void;
  /** Stops whatever the events need beyond this process (a database connection). */
  close(): Promise<void>;
};

/** The subscribers in this process, one event name per topic. */
export function createTopicEmitter(): EventEmitter {
  const emitter = new EventEmitter();
  // One listener per open live view; there is no meaningful limit to warn about.
  emitter.setMaxListeners(0);
  return emitter;
}

/** Live events within this process only: embedded PGlite has one process per database anyway. */
export function createLiveEvents(): LiveEvents {
  const emitter = createTopicEmitter();
  return {
    publish(topic) {
      emitter.emit(topic);
    },
    subscribe(topic, listener) {
      emitter.on(topic, listener);
      return () => emitter.off(topic, listener);
    },
    async close() {
      emitter.removeAllListeners();
    },
  };
}
