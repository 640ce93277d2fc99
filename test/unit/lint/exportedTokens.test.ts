import * as assert from 'node:assert/strict';
import { lintWorkflow } from '../../../src/core/lint';

const found = (text: string) =>
  lintWorkflow(text)
    .findings.filter((f) => f.ruleId === 'pypi-token-exported')
    .map((f) => ({ severity: f.severity, first: f.message.split(/(?<=\.) /)[0], at: text.slice(f.range.start, f.range.end) }));

const job = (steps: string[], extra: string[] = []) =>
  ['on: { push: { tags: [v*] } }', 'jobs:', '  publish:', '    runs-on: ubuntu-latest', '    permissions: { id-token: write }', ...extra, '    steps:', ...steps, ''].join('\n');

describe('pypi-token-exported', () => {
  it('a token-mint action output written to GITHUB_ENV', () => {
    const text = job([
      '      - id: mint',
      '        uses: tschm/token-mint-action@v1.0.3',
      '      - run: echo "UV_PUBLISH_TOKEN=${{ steps.mint.outputs.api-token }}" >> "$GITHUB_ENV"',
      '      - run: uv publish',
    ]);
    assert.deepEqual(found(text), [
      {
        severity: 'warning',
        first: "Step 2 of job 'publish' writes the token minted by step 'mint' to $GITHUB_ENV as UV_PUBLISH_TOKEN.",
        at: 'UV_PUBLISH_TOKEN=${{ steps.mint.outputs.api-token }}',
      },
    ]);
  });

  it("a secret reached through the step's env, and printf into ${GITHUB_ENV}", () => {
    const text = job([
      '      - name: Credentials',
      '        env: { TOKEN: "${{ secrets.PYPI_TOKEN }}" }',
      "        run: printf 'TWINE_PASSWORD=%s\\n' \"$TOKEN\" >> ${GITHUB_ENV}",
      '      - run: twine upload dist/*',
    ]);
    assert.equal(found(text).length, 1);
    assert.match(found(text)[0].first, /writes the secret PYPI_TOKEN to \$GITHUB_ENV as TWINE_PASSWORD\.$/);
  });

  it('a token-mint action output passed to other jobs is an error; plain values and the same-job use are not reported', () => {
    const text = job(
      [
        '      - id: mint',
        '        uses: tschm/token-mint-action@v1.0.3',
        '      - id: version',
        '        run: echo "version=$(cat VERSION)" >> "$GITHUB_OUTPUT"',
        '      - run: echo "TWINE_USERNAME=__token__" >> $GITHUB_ENV',
        '      - run: poetry publish -u __token__ -p "${{ steps.mint.outputs.api-token }}"',
      ],
      ['    outputs:', '      token: ${{ steps.mint.outputs.api-token }}', '      version: ${{ steps.version.outputs.version }}'],
    );
    assert.deepEqual(found(text), [
      { severity: 'error', first: "Job 'publish' passes the token minted by step 'mint' to other jobs as its output 'token'.", at: 'token' },
    ]);
  });

  it('says on pyca/cryptography that the Python step writes the token it mints', () => {
    const text = job([
      '      - run: |',
      '          import os, requests',
      '          token = requests.post("https://pypi.org/_/oidc/mint-token", json={"token": os.environ["OIDC"]}).json()["token"]',
      '          with open(os.environ["GITHUB_ENV"], "a") as f:',
      '              f.write(f"TWINE_PASSWORD={token}\\n")',
      '        shell: python',
      '      - run: twine upload dist/*',
    ]);
    assert.deepEqual(found(text).map((f) => f.at), ['TWINE_PASSWORD={token}']);
  });
});
