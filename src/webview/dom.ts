/// <reference lib="dom" />
// A tiny element builder: text always goes in as text nodes (never parsed as HTML), attributes through
// setAttribute, and no inline handlers or styles exist to set.

export type Child = Node | string | number | false | null | undefined | Child[];

export interface Props {
  id?: string;
  class?: string;
  /** Attributes; `false`/`undefined` leave one out, `true` sets it empty. Never `on*` or `style`. */
  attrs?: Record<string, string | boolean | undefined>;
  /** `data-*` attributes, without the prefix. */
  data?: Record<string, string | undefined>;
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (props.id) element.id = props.id;
  if (props.class) element.className = props.class;
  for (const [name, value] of Object.entries(props.attrs ?? {})) {
    if (/^on/i.test(name) || name.toLowerCase() === 'style') throw new Error(`refusing attribute ${name}`);
    if (value === true) element.setAttribute(name, '');
    else if (typeof value === 'string') element.setAttribute(name, value);
  }
  for (const [name, value] of Object.entries(props.data ?? {})) if (value !== undefined) element.dataset[name] = value;
  append(element, children);
  return element;
}

function append(parent: Node, children: Child[]): void {
  for (const child of children) {
    if (child === false || child === null || child === undefined) continue;
    if (Array.isArray(child)) append(parent, child);
    else if (typeof child === 'string' || typeof child === 'number') parent.appendChild(document.createTextNode(String(child)));
    else parent.appendChild(child);
  }
}

/** A codicon, hidden from screen readers (the text next to it says the same). */
export const icon = (name: string): HTMLSpanElement => h('span', { class: `codicon codicon-${name}`, attrs: { 'aria-hidden': 'true' } });
