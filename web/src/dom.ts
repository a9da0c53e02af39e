// A few helpers to build the pages' DOM without a framework: elements, with text escaped by the DOM itself.
type Child = Node | string | null | undefined | false | Child[];

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Record<string, string | boolean | ((event: Event) => void)> = {},
  ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (typeof value === 'function') {
      element.addEventListener(name.replace(/^on/, ''), value);
    } else if (value === true) {
      element.setAttribute(name, '');
    } else if (value !== false) {
      element.setAttribute(name, value);
    }
  }
  element.append(...nodes(children));
  return element;
}

/** A labelled input: the label names it for screen readers and tests alike. */
export function field(label: string, name: string, attributes: Record<string, string | boolean> = {}): HTMLLabelElement {
  return h('label', { class: 'field' }, h('span', {}, label), h('input', { name, ...attributes }));
}

export function value(form: HTMLFormElement, name: string): string {
  return (form.elements.namedItem(name) as HTMLInputElement).value.trim();
}

export function replace(parent: Element, ...children: Child[]): void {
  parent.replaceChildren(...nodes(children));
}

function nodes(children: Child[]): (Node | string)[] {
  const flat: (Node | string)[] = [];
  for (const child of children) {
    if (Array.isArray(child)) {
      flat.push(...nodes(child));
    } else if (child !== null && child !== undefined && child !== false) {
      flat.push(child);
    }
  }
  return flat;
}

/** Runs an action from a button or form, showing its problem (RFC 9457 detail) where the user looks. */
export async function attempt(status: Element, action: () => Promise<void>): Promise<void> {
  status.textContent = '';
  try {
    await action();
  } catch (error) {
    status.textContent = error instanceof Error ? error.message : String(error);
    status.setAttribute('role', 'alert');
  }
}

/** Draws the current page again (the router listens to hash changes). */
export function rerender(): void {
  window.dispatchEvent(new HashChangeEvent('hashchange'));
}
