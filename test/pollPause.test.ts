import assert from 'node:assert/strict';
import { pauseAfter } from '../src/workflows/pollPause.js';

describe('pauseAfter (a change feed between polls)', () => {
  it('starts polls one interval apart when a poll is quick', () => {
    assert.equal(pauseAfter(250, 3_000), 2_750);
    assert.equal(pauseAfter(0, 3_000), 3_000);
  });

  it('pauses a whole interval after a poll that took over half of it, so a long walk never runs back to back', () => {
    assert.equal(pauseAfter(1_600, 3_000), 3_000);
    assert.equal(pauseAfter(45_000, 60_000), 60_000);
    assert.equal(pauseAfter(120_000, 60_000), 60_000);
  });
});
