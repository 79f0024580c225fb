import { EventEmitter } from 'node:events';

/**
 * Tells live viewers that a meeting changed. In-process: with several app instances this is
 * where PostgreSQL LISTEN/NOTIFY would come in (issue 9). Publish only after the change has
 * committed, so a viewer that reloads sees it.
 */
export type LiveEvents = {
  publish(topic: string): void;
  /** Returns the unsubscribe function. */
  subscribe(topic: string, listener: () => void): () => void;
};

export function createLiveEvents(): LiveEvents {
  const emitter = new EventEmitter();
  // One listener per open live view; there is no meaningful limit to warn about.
  emitter.setMaxListeners(0);
  return {
    publish(topic) {
      emitter.emit(topic);
    },
    subscribe(topic, listener) {
      emitter.on(topic, listener);
      return () => emitter.off(topic, listener);
    },
  };
}
