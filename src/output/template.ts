/**
 * Fills a page shell from `templates/`: `{{name}}` is replaced by escaped text, `{{{name}}}` by HTML.
 * A placeholder with no value is a broken template, so it throws instead of printing an empty hole.
 * A book may bring its own shell: a fill is one pass of plain substitution (values are never scanned
 * again, nothing is evaluated), so a shell can hold markup but never run code at build time.
 */
export function fillTemplate(template: string, values: Record<string, string>, templateName: string): string {
  return template.replace(/\{\{(\{)?\s*([\w-]+)\s*\}?\}\}/g, (_whole, raw: string | undefined, name: string) => {
    // Own keys only: `{{constructor}}` must not reach Object.prototype's.
    const value = Object.hasOwn(values, name) ? values[name] : undefined;
    if (value === undefined) throw new Error(`Template ${templateName} uses {{${name}}}, which no page provides`);
    return raw ? value : escapeHtml(value);
  });
}

export function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
