/**
 * What a URL in a card may be. A card shows files from the collection's media folder only, named the way
 * Anki names them (a plain file name), and its links open only to the web or to email, after a
 * confirmation: a stranger's deck must not reach anything else.
 */

/**
 * The media file a card's `src` names, or null when it names anything else: another site, a path on
 * Cue's host, a parent folder, a scheme, a broken escape, or a name without an extension.
 */
export function mediaFileName(src: string): string | null {
  const raw = src.trim();
  if (raw === '' || /^[a-z][a-z0-9+.-]*:/i.test(raw) || /^[/\\#?.]/.test(raw)) return null;
  let name: string;
  try {
    name = decodeURIComponent(raw);
  } catch {
    return null;
  }
  if (/[/\\?#]|\p{Cc}/u.test(name) || name.startsWith('.')) return null;
  return /^[^.]+(\.[^.]+)*\.[A-Za-z0-9]{1,8}$/.test(name) ? name : null;
}

/** A link's image: true for the web addresses (http, https, protocol-relative) the CSP would refuse anyway. */
export function isRemote(src: string): boolean {
  return /^\s*(https?:)?\/\//i.test(src);
}

export type LinkVerdict =
  | { open: true; url: string }
  | {
      open: false;
      /** What the link points at, as written (shortened when very long). */
      shown: string;
      reason: string;
    };

const OPENABLE = new Set(['http:', 'https:', 'mailto:']);
const SHOWN_LIMIT = 2000;

/**
 * Whether a card's link may open, and the full address to show before it does. Only absolute http(s)
 * and mailto links open; a relative link would point into Cue itself, and any other scheme could start a
 * program on the computer.
 */
export function linkVerdict(href: string): LinkVerdict {
  const written = href.trim();
  const shown = written.length > SHOWN_LIMIT ? `${written.slice(0, SHOWN_LIMIT)}…` : written;
  let url: URL;
  try {
    url = new URL(written);
  } catch {
    return { open: false, shown, reason: 'It is not a full web address, so it would point into Cue itself.' };
  }
  if (!OPENABLE.has(url.protocol)) {
    return {
      open: false,
      shown,
      reason: `Cards open only web (http, https) and email (mailto) links; this is a ${url.protocol.slice(0, 40)} link.`,
    };
  }
  // The normalised form: an international domain shows as punycode, so a look-alike name cannot hide.
  return { open: true, url: url.href };
}
