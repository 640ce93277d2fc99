/** The real PEP 740 attestations in test/fixtures/attestations (see SOURCE.md there), and ways to change one byte. */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { DistributionFile } from '../../../src/core/provenance';

export const ATTESTATIONS = path.resolve(__dirname, '../../../../test/fixtures/attestations');

export const GITHUB_DIST = 'pypi_attestations-0.0.19.tar.gz';
export const GITLAB_DIST = 'gitlab_oidc_project-0.0.3.tar.gz';

export const readFixture = (name: string): Buffer => readFileSync(path.join(ATTESTATIONS, name));

export function distribution(name: string, bytes: Buffer = readFixture(name)): DistributionFile {
  return { filename: name, sha256: createHash('sha256').update(bytes).digest('hex') };
}

/** The Integrity API's provenance object for the GitHub-published file, parsed afresh (callers may change it). */
export const githubProvenance = (): any => JSON.parse(readFixture(`${GITHUB_DIST}.provenance`).toString('utf8'));

/**
 * A provenance object around the GitLab-published attestation, as PyPI serves one for a GitLab publisher
 * (pypi-attestations' GitLabPublisher: `repository`, `workflow_filepath`, `environment`).
 */
export const gitlabProvenance = (): any => ({
  version: 1,
  attestation_bundles: [
    {
      publisher: { kind: 'GitLab', repository: 'facutuesca/gitlab-oidc-project', workflow_filepath: '.gitlab-ci.yml', environment: null },
      attestations: [JSON.parse(readFixture(`${GITLAB_DIST}.publish.attestation`).toString('utf8'))],
    },
  ],
});

/** `base64` with the byte at `at` (or the first byte of `marker`, plus `offset`) changed. */
export function changeByte(base64: string, where: { marker?: string; offset?: number }): string {
  const bytes = Buffer.from(base64, 'base64');
  const at = (where.marker === undefined ? 0 : bytes.indexOf(where.marker)) + (where.offset ?? 0);
  if (at < 0 || at >= bytes.length) throw new Error(`no byte to change at ${at}`);
  bytes[at] ^= 0x01;
  return bytes.toString('base64');
}
