/**
 * GitHub's filter patterns for `on.push.tags` ("Filter pattern cheat sheet" in GitHub's workflow syntax docs):
 * `*` any characters but `/`, `**` any characters, `?` zero or one of the preceding character, `+` one or more of it,
 * `[...]` one character of a set or range, `!` at the start negates, and later patterns override earlier ones.
 */
export function tagMatches(tag: string, patterns: string[]): boolean {
  // No pattern (`tags:` empty or absent with a tag push) means every tag.
  if (patterns.length === 0) return true;
  let matched = false;
  for (const pattern of patterns) {
    const negated = pattern.startsWith('!');
    if (toRegExp(negated ? pattern.slice(1) : pattern).test(tag)) matched = !negated;
  }
  return matched;
}

function toRegExp(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*') {
      if (pattern[i + 1] === '*') {
        source += '.*';
        i++;
      } else source += '[^/]*';
    } else if (c === '?' || c === '+') {
      source += c; // applies to the preceding character, as in a regular expression
    } else if (c === '[') {
      const end = pattern.indexOf(']', i + 1);
      if (end < 0) source += '\\[';
      else {
        source += `[${pattern.slice(i + 1, end).replace(/[\\^]/g, '\\$&')}]`;
        i = end;
      }
    } else if (c === '\\' && i + 1 < pattern.length) {
      source += `\\${pattern[++i]}`;
    } else source += c.replace(/[.^$|(){}\]\\]/g, '\\$&');
  }
  try {
    return new RegExp(`^${source}$`);
  } catch {
    return /^(?!)$/; // a pattern GitHub would reject matches nothing
  }
}
