import * as assert from 'node:assert/strict';
import { conditionExpression, conditionHolds } from '../../../src/core/lint/analysis/expressions';
import { branchRun, PULL_REQUEST_RUN, releaseRun, TAG_PUSH_RUN } from '../../../src/core/lint/analysis/runContexts';
import { contextPaths, shellSpotAt } from '../../../src/core/lint/analysis/untrustedExpressions';

const holds = (condition: unknown, context = PULL_REQUEST_RUN) => conditionHolds(conditionExpression(condition), context);

describe('if: conditions over a kind of run', () => {
  it('reads a test of the ref or event against a computed value as unknown, or as a guard when asked', () => {
    const guard = { computedRefTests: 'guard' } as const;
    const branch = branchRun('workflow_dispatch');
    const at = (condition: string, options = {}) => conditionHolds(conditionExpression(condition), branch, options);
    for (const condition of [
      "github.ref == format('refs/tags/v{0}', inputs.version)",
      "github.event_name == 'workflow_dispatch' && github.ref == format('refs/tags/{0}', needs.plan.outputs.tag)",
      'contains(fromJSON(vars.RELEASE_REFS), github.ref)',
      "startsWith(github.ref, format('refs/tags/{0}', inputs.prefix))",
      'github.ref_type == inputs.kind',
    ]) {
      assert.equal(at(condition), undefined, condition);
      assert.equal(at(condition, guard), false, condition);
    }
    // Readable tests stay what they are; a branch let through still reaches the upload.
    for (const condition of [
      "github.ref == 'refs/heads/main'",
      "github.ref == 'refs/heads/main' || github.ref == format('refs/tags/v{0}', inputs.version)",
      'contains(fromJSON(\'["refs/heads/main", "refs/tags/v1"]\'), github.ref)',
      "github.repository == format('{0}/x', inputs.owner)",
    ]) {
      assert.notEqual(at(condition, guard), false, condition);
    }
    assert.equal(at('contains(fromJSON(\'["refs/tags/v1"]\'), github.ref)'), false, 'a literal list of tags rules a branch out');
  });

  it('rules pull requests out with the usual guards', () => {
    for (const guard of [
      "github.event_name != 'pull_request'",
      "github.event_name == 'release'",
      "${{ github.event_name == 'push' && startsWith(github.ref, 'refs/tags/') }}",
      "startsWith(github.event.ref, 'refs/tags')",
      "github.ref_type == 'tag'",
      "github.ref == 'refs/heads/main'",
      "contains(github.ref, 'refs/tags/')",
      "github.event.action == 'published'",
      "success() && github.event_name == 'push'",
      '!github.event.pull_request',
      "github.repository == 'a/b' && (github.event_name == 'push' || github.event_name == 'release')",
      false,
    ]) {
      assert.equal(holds(guard), false, String(guard));
    }
  });

  it('keeps what it cannot decide, or what lets pull requests through, as possible', () => {
    for (const condition of [
      "github.repository == 'a/b'",
      "github.event_name == 'push' || github.event_name == 'pull_request'",
      "contains(github.event.pull_request.labels.*.name, 'release')",
      'always()',
      "github.event.action == 'opened'",
      'steps.check.outputs.changed',
      "format('{0}', github.ref) == 'x' ||",
      'true',
    ]) {
      assert.notEqual(holds(condition), false, condition);
    }
  });

  it('tells a branch from a tag', () => {
    const tagGuard = "startsWith(github.ref, 'refs/tags/')";
    assert.equal(holds(tagGuard, branchRun('push')), false);
    assert.equal(holds(tagGuard, branchRun('workflow_dispatch')), false);
    assert.equal(holds("contains(github.ref, 'tags')", branchRun('push')), false);
    assert.equal(holds("contains(github.ref, 'tags')", TAG_PUSH_RUN), true);
    assert.equal(holds(tagGuard, TAG_PUSH_RUN), true);
    assert.equal(holds(tagGuard, releaseRun('published')), true);
    assert.equal(holds("github.ref == 'refs/heads/main'", branchRun('push')), undefined);
    assert.equal(holds("github.event.action == 'published'", releaseRun('created')), false);
    assert.equal(holds("github.event.action == 'published'", releaseRun('published')), true);
    assert.equal(holds("github.event_name == 'release'", TAG_PUSH_RUN), false);
  });

  it('compares strings without regard to case, as GitHub does', () => {
    assert.equal(holds("github.event_name == 'Pull_Request'"), true);
    assert.equal(holds("startsWith(github.ref, 'REFS/PULL/')"), true);
  });
});

describe('expressions in run scripts', () => {
  it('names the contexts an expression reads', () => {
    assert.deepEqual(contextPaths("github.event['pull_request'].title"), ['github.event.pull_request.title']);
    assert.deepEqual(contextPaths('toJSON(github.event.commits[0].message)'), ['github.event.commits.*.message']);
    assert.deepEqual(contextPaths("needs.x.outputs.inputs || inputs.version || 'github.head_ref'"), ['inputs.version']);
  });

  it('knows how the shell quotes a spot', () => {
    const script = `echo "a $X" 'b' # it's a comment\ncat <<'EOF'\n$X\nEOF\ncat <<EOF\n$X\nEOF\necho '$X'`;
    const at = (needle: string, from = 0) => script.indexOf(needle, from);
    assert.equal(shellSpotAt(script, at('$X')), 'double');
    assert.equal(shellSpotAt(script, at('b')), 'single');
    assert.equal(shellSpotAt(script, at('cat')), 'unquoted');
    assert.equal(shellSpotAt(script, at('$X', at("<<'EOF'"))), 'quoted-heredoc');
    assert.equal(shellSpotAt(script, at('$X', at('cat <<EOF'))), 'heredoc');
    assert.equal(shellSpotAt(script, at("'$X'") + 1), 'single');
  });
});
