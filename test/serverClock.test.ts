// The API's clock as its Date headers show it: whole seconds, so every reading is early; the
// highest reading is kept, and the clock is never read later than the API's.
import { strict as assert } from 'node:assert';
import { ServerClock } from '../src/systems/http/serverClock.js';

const header = (ms: number) => new Date(ms).toUTCString();

describe('ServerClock', () => {
  it('reads this machine’s time on the API’s clock, from the highest of its Date headers', () => {
    const clock = new ServerClock();
    const now = Date.now();
    assert.equal(clock.at(now), now, 'before any answer: this machine’s clock');

    // An API 20 s behind: each header is truncated to its second, so each reading is early.
    clock.observe(header(Date.now() - 21_500));
    const early = clock.at(now);
    clock.observe(header(Date.now() - 20_000));
    const closer = clock.at(now);
    assert.ok(closer > early, 'a higher reading replaces a lower one');
    clock.observe(header(Date.now() - 22_000));
    assert.equal(clock.at(now), closer, 'a lower reading within the minute does not');
    assert.ok(closer <= now - 20_000 && closer > now - 21_100, `${now - closer} ms behind`);

    clock.observe(undefined);
    clock.observe('not a date');
    assert.equal(clock.at(now), closer, 'an answer without a readable Date header changes nothing');
  });
});
