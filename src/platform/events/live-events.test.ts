import { describe, expect, it } from 'vitest';
import { createLiveEvents } from './live-events';

describe('createLiveEvents', () => {
  it('delivers a topic to its subscribers until they unsubscribe', () => {
    const events = createLiveEvents();
    const seen: string[] = [];
    const stopA = events.subscribe('meeting:a', () => seen.push('a'));
    events.subscribe('meeting:b', () => seen.push('b'));
    events.publish('meeting:a');
    stopA();
    events.publish('meeting:a');
    events.publish('meeting:b');
    expect(seen).toEqual(['a', 'b']);
  });
});
