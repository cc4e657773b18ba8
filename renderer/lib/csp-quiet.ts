/**
 * Takes out of a card's HTML, before it is parsed at all, what Chromium reports as a Content Security
 * Policy violation the moment it is parsed: event handler attributes (onerror, onload…) and <base>
 * elements. This is not what keeps cards safe (the sanitiser removes all of it whatever this does); it
 * keeps the page's console free of violations, even for the inert document the sanitiser parses in, so
 * that a real one stands out.
 *
 * Tags are read the way the HTML tokenizer reads them, closely enough that honest text stays exactly as it
 * was. Where the browser could read a quoted attribute value as markup instead (inside <style> or
 * <textarea>, say), the value is cleaned the same way, so either reading is quiet.
 */

const SPACE = '\\t\\n\\f\\r ';
const TAG_START = new RegExp(`<([a-zA-Z][^${SPACE}/>]*)`, 'y');
/** Separators, then one attribute: its name and, optionally, `=` and a quoted or bare value. */
const ATTRIBUTE = new RegExp(
  `([${SPACE}/]*)([^${SPACE}/>][^${SPACE}/>=]*)(?:([${SPACE}]*=[${SPACE}]*)("[^"]*"?|'[^']*'?|[^${SPACE}>]*))?`,
  'y',
);
const TAG_END = new RegExp(`[${SPACE}/]*>?`, 'y');

export function dropCspTriggers(html: string): string {
  let out = '';
  let at = 0;
  while (at < html.length) {
    const open = html.indexOf('<', at);
    if (open === -1) break;
    if (html.startsWith('<!--', open)) {
      const close = html.indexOf('-->', open + 4);
      const end = close === -1 ? html.length : close + 3;
      out += html.slice(at, end);
      at = end;
      continue;
    }
    TAG_START.lastIndex = open;
    const tag = TAG_START.exec(html);
    if (!tag) {
      out += html.slice(at, open + 1);
      at = open + 1;
      continue;
    }
    const attributes = readAttributes(html, TAG_START.lastIndex);
    if (tag[1].toLowerCase() === 'base') {
      out += html.slice(at, open);
      TAG_END.lastIndex = attributes.end;
      TAG_END.exec(html);
      at = TAG_END.lastIndex;
    } else {
      out += html.slice(at, open) + tag[0] + attributes.kept;
      at = attributes.end;
    }
  }
  return out + html.slice(at);
}

/** A tag's attributes from `from` on without its event handlers, and where they end (before its `>`). */
function readAttributes(html: string, from: number): { kept: string; end: number } {
  let kept = '';
  let end = from;
  for (;;) {
    ATTRIBUTE.lastIndex = end;
    const attribute = ATTRIBUTE.exec(html);
    if (!attribute) return { kept, end };
    // read before the value is cleaned: that reuses the same (sticky) patterns
    end = ATTRIBUTE.lastIndex;
    const [, separators, name, equals = '', value = ''] = attribute;
    // a handler goes with the separator before it; the next attribute brings its own
    if (!/^on/i.test(name)) kept += separators + name + equals + (value.includes('<') ? dropCspTriggers(value) : value);
  }
}
