import { domainToASCII } from 'node:url';

/** `scheme://authority rest`, for a web address. */
const webAddress = /^(https?:\/\/)([^/?#]*)(.*)$/is;

/**
 * The characters of an authority (user, host, port) EPUBCheck's URL parser accepts. Readers and the
 * EPUB check refuse a link whose host has others (`_`, `!`, a `%`-escaped name), so `check` does too.
 * Change it with output/epub/markup.ts's check, which uses it, when EPUBCheck's parser does.
 */
export const parsableAuthority = /^[a-z0-9.:@-]+$/i;

/**
 * A web address with an internationalized host (`https://例え.jp/`) written as the ASCII (punycode) name
 * every output can carry; `problem` when its host cannot be parsed even so. Anything but an http(s) address
 * is returned unchanged.
 */
export function asciiWebAddress(url: string): { url: string; problem?: string } {
  const match = webAddress.exec(url);
  if (!match) return { url };
  const [, scheme = '', authority = '', rest = ''] = match;
  if (parsableAuthority.test(authority)) return { url };
  const at = authority.lastIndexOf('@');
  const user = authority.slice(0, at + 1);
  const hostAndPort = authority.slice(at + 1);
  const port = /:\d*$/.exec(hostAndPort)?.[0] ?? '';
  const host = hostAndPort.slice(0, hostAndPort.length - port.length);
  const ascii = domainToASCII(host);
  const next = `${user}${ascii}${port}`;
  if (ascii === '' || !parsableAuthority.test(next)) {
    return { url, problem: `its host \`${host}\` cannot be parsed (a host name has only letters, digits, \`-\` and \`.\`)` };
  }
  return { url: `${scheme}${next}${rest}` };
}
