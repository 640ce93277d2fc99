/**
 * GitHub's own rules for account and repository names. A remote whose owner or name breaks them cannot be a real
 * github.com repository, so saying so beats sending the user to PyPI with a name that can never match.
 */

/** Letters, digits and single hyphens, neither first nor last; at most 39 characters. */
const OWNER = /^[A-Za-z0-9](?:-?[A-Za-z0-9])*$/;
const OWNER_MAX_LENGTH = 39;

/** Letters, digits, '-', '_' and '.'; at most 100 characters. */
const REPOSITORY = /^[A-Za-z0-9._-]+$/;
const REPOSITORY_MAX_LENGTH = 100;

export function isValidOwner(owner: string): boolean {
  return owner.length <= OWNER_MAX_LENGTH && OWNER.test(owner);
}

export function isValidRepositoryName(name: string): boolean {
  return name !== '.' && name !== '..' && name.length <= REPOSITORY_MAX_LENGTH && REPOSITORY.test(name);
}
