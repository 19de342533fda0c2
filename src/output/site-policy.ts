/**
 * The Content-Security-Policy every page of the site carries, as our own `templates/site/page.html`
 * writes it. A book's page shell must carry exactly this policy: change it here and in the template
 * together, and only to make it stricter.
 */
export const sitePolicy =
  "default-src 'none'; style-src 'self'; img-src 'self'; font-src 'self'; script-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'";

/** A policy as directive name → its source list, both lower-cased; undefined when it is not one we could judge. */
export type ParsedPolicy = Map<string, string[]>;

/**
 * Parses a serialized policy as CSP Level 3 §2.2.1 does (split on `;`, the first token a directive's name,
 * the rest its values, ASCII whitespace between), but strictly: a directive given twice, which a browser
 * would silently drop, is an error here, as is any character outside printable ASCII.
 */
export function parsePolicy(text: string): ParsedPolicy | string {
  if (/[^\x20-\x7e\t\n\f\r]/.test(text)) return 'it holds a character a policy may not';
  const policy: ParsedPolicy = new Map();
  for (const part of text.split(';')) {
    const tokens = part.trim().split(/[\t\n\f\r ]+/).filter(Boolean);
    const [name, ...values] = tokens;
    if (name === undefined) continue;
    const key = name.toLowerCase();
    if (policy.has(key)) return `it names \`${key}\` twice`;
    policy.set(key, values.map((value) => value.toLowerCase()).sort());
  }
  return policy;
}

/** Why a page's policy is not exactly ours, or undefined when it is (order and spacing aside). */
export function policyDifference(text: string): string | undefined {
  const theirs = parsePolicy(text);
  if (typeof theirs === 'string') return theirs;
  const ours = parsePolicy(sitePolicy) as ParsedPolicy;
  for (const [name, values] of ours) {
    const given = theirs.get(name);
    if (!given) return `it lacks \`${name}\``;
    if (given.join(' ') !== values.join(' ')) return `it has \`${name} ${given.join(' ')}\` where ours has \`${name} ${values.join(' ')}\``;
  }
  for (const name of theirs.keys()) if (!ours.has(name)) return `it adds \`${name}\``;
  return undefined;
}
