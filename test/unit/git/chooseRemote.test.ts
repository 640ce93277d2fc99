import * as assert from 'node:assert/strict';
import { chooseRemote } from '../../../src/core/git';
import type { GitRemote } from '../../../src/core/git';

const remote = (name: string): GitRemote => ({ name, url: `https://github.com/me/${name}.git` });
const origin = remote('origin');
const upstream = remote('upstream');
const fork = remote('fork');
const mirror = remote('mirror');

describe('chooseRemote', () => {
  it('takes the remote named in the setting', () => {
    assert.deepEqual(chooseRemote([origin, fork, upstream], 'fork'), { kind: 'chosen', remote: fork, reason: 'setting' });
  });

  it('forgives blanks around the setting', () => {
    assert.deepEqual(chooseRemote([origin, fork], ' fork '), { kind: 'chosen', remote: fork, reason: 'setting' });
  });

  it('falls back to origin when the setting names a remote that is gone', () => {
    assert.deepEqual(chooseRemote([fork, origin], 'deleted'), { kind: 'chosen', remote: origin, reason: 'origin' });
  });

  it('treats an empty setting as unset', () => {
    assert.deepEqual(chooseRemote([fork, origin], ''), { kind: 'chosen', remote: origin, reason: 'origin' });
  });

  it('prefers origin over upstream', () => {
    assert.deepEqual(chooseRemote([upstream, origin]), { kind: 'chosen', remote: origin, reason: 'origin' });
  });

  it('takes upstream when there is no origin', () => {
    assert.deepEqual(chooseRemote([fork, upstream, mirror], 'deleted'), { kind: 'chosen', remote: upstream, reason: 'upstream' });
  });

  it('takes the only remote whatever its name', () => {
    assert.deepEqual(chooseRemote([mirror]), { kind: 'chosen', remote: mirror, reason: 'only' });
  });

  it('asks when several remotes have other names', () => {
    assert.deepEqual(chooseRemote([fork, mirror], 'deleted'), { kind: 'ask', candidates: [fork, mirror] });
  });

  it('matches names case-sensitively, as git does', () => {
    const capitalised = remote('Origin');
    assert.deepEqual(chooseRemote([capitalised, fork]), { kind: 'ask', candidates: [capitalised, fork] });
  });

  it('has nothing to choose from without remotes', () => {
    assert.deepEqual(chooseRemote([], 'origin'), { kind: 'none' });
  });
});
