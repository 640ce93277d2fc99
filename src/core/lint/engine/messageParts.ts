/**
 * A finding's message opens with one short sentence that says what is wrong; the sentences after it say why it
 * matters and how to fix it. Lists (the Problems panel, a terminal, an annotation's title line) show the first
 * sentence; hovers and details show the rest below it.
 */

/** Longest first sentence a rule writes, with the ordinary names it quotes (job ids, step names, secrets). */
export const SUMMARY_LIMIT = 120;

/**
 * The first sentence (up to the first ". " or the end) and the rest. Rules keep ". " out of their first sentence,
 * so this split is theirs; a quoted name with ". " in it only moves the split earlier.
 */
export function splitMessage(message: string): { summary: string; detail: string } {
  const end = message.indexOf('. ');
  if (end === -1) return { summary: message.trim(), detail: '' };
  return { summary: message.slice(0, end + 1).trim(), detail: message.slice(end + 2).trim() };
}

/**
 * The message with its first sentence on a line of its own and the rest on the next: the editor's Problems panel
 * shows each line as a row (the first one next to the rule id and position), and its hover shows both.
 */
export function twoLineMessage(message: string): string {
  const { summary, detail } = splitMessage(message);
  return detail ? `${summary}\n${detail}` : summary;
}
