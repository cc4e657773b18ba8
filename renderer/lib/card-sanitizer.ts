/**
 * The one sanitiser profile every card goes through, Markdown (after rendering) and imported HTML alike.
 * A deck is a stranger's input: what it shows must not run script, load anything from outside the
 * collection's media folder, or draw itself over Cue's controls. DOMPurify removes script and unknown
 * markup; the rules here take away what its default profile still lets through for a document of our
 * own: fetches (srcset, url() in styles, SVG references, remote media), elements that act on the whole
 * page (<base>, <meta>, <link>, forms, frames, dialogs, popovers), and styles that leave the card's box.
 * The card's container is contained in CSS as well (styles.css, .card-content), for whatever this misses.
 * Image Occlusion cards (shared/image-occlusion.ts) draw their masks in SVG that DOMPurify's SVG profile
 * keeps as written, with no rule of its own here; test/e2e/image-occlusion.spec.ts holds both to that.
 */
import DOMPurify, { type UponSanitizeAttributeHookEvent } from 'dompurify';
import { mediaUrl } from './api-client';
import { cleanStyle } from './card-style';
import { isRemote, mediaFileName } from './card-urls';
import { dropCspTriggers } from './csp-quiet';
import { nightBackgroundColor, nightStyle, nightTextColor, type Rgb, toHex } from './night-colors';

const HTML_NAMESPACE = 'http://www.w3.org/1999/xhtml';

/** Elements whose `src` is one of the collection's media files (Anki's bare file names). */
const MEDIA_ELEMENTS = new Set(['img', 'audio', 'video', 'source', 'track']);

/** Attributes that hold text for people, where "url(" is just words. */
const TEXT_ATTRIBUTES = new Set(['alt', 'title', 'aria-label', 'aria-description']);

const CONFIG = {
  // KaTeX's MathML keeps the TeX source in <semantics><annotation>; without them the TeX would leak
  // into the text as raw "O(1)" next to the rendered formula.
  ADD_TAGS: ['semantics', 'annotation'],
  ADD_ATTR: ['encoding'],
  // Every src and poster has been through keepMediaSource by then: a media URL of our own making (in the
  // desktop app a cue-media: one, which DOMPurify's URL pattern does not know), a data: image, or nothing.
  ADD_URI_SAFE_ATTR: ['src', 'poster'],
  FORBID_TAGS: [
    // whole-page effects: stylesheets, base URL, refresh and CSP, preloads
    'style',
    'link',
    'base',
    'meta',
    'title',
    // other documents and plugins
    'iframe',
    'frame',
    'frameset',
    'object',
    'embed',
    'applet',
    'portal',
    'fencedframe',
    // forms and their controls: a card is read, not submitted
    'form',
    'input',
    'button',
    'textarea',
    'select',
    'option',
    'optgroup',
    'datalist',
    'output',
    'fieldset',
    // the top layer, above every control of the app
    'dialog',
    // SVG and MathML that load or reference other documents
    'image',
    'use',
    'feimage',
    'foreignobject',
    'annotation-xml',
    'maction',
  ],
  FORBID_ATTR: [
    'srcset',
    'imagesrcset',
    'sizes',
    'ping',
    'action',
    'formaction',
    'method',
    'enctype',
    'background',
    'download',
    'popover',
    'popovertarget',
    'popovertargetaction',
    'command',
    'commandfor',
    'interestfor',
    'autofocus',
    'contenteditable',
    // what plays by itself is the preset's choice (autoplayAudio), not the card's
    'autoplay',
    // Cue's own test hooks stay unique on the page
    'data-testid',
  ],
  // Ids and names get a "user-content-" prefix: a card's <a id> cannot stand for window.x or collide
  // with an id of Cue's own page (a label's target, a dialog's title).
  SANITIZE_NAMED_PROPS: true,
};

const purify = DOMPurify();
/** Remote images whose address was dropped; their alt text says so afterwards. */
const remoteImages = new WeakSet<Element>();

purify.addHook('uponSanitizeAttribute', (node, event) => {
  const name = event.attrName;
  const foreign = node.namespaceURI !== HTML_NAMESPACE;
  if (name === 'style') {
    const clean = cleanStyle(event.attrValue);
    if (clean === null) event.keepAttr = false;
    else event.attrValue = clean;
  } else if (name === 'src' || name === 'poster') {
    keepMediaSource(node, event);
  } else if (foreign && (name === 'href' || name === 'xlink:href')) {
    // SVG and MathML links and references (<a>, <pattern>, <textPath>, <mi href>) would reach elsewhere.
    event.keepAttr = false;
  } else if (!TEXT_ATTRIBUTES.has(name) && !(name === 'href' && !foreign) && /url\s*\(/i.test(event.attrValue)) {
    // SVG presentation attributes (fill, filter, mask, clip-path…) are CSS and can fetch.
    event.keepAttr = false;
  } else if (foreign && event.attrValue.includes('\\')) {
    // a CSS escape in a presentation attribute could spell url( past the test above
    event.keepAttr = false;
  }
});

/** A media element's src (or a video's poster) stays only as one of the collection's media files. */
function keepMediaSource(node: Element, event: UponSanitizeAttributeHookEvent): void {
  const value = event.attrValue;
  const tag = node.localName;
  const fits = event.attrName === 'src' ? MEDIA_ELEMENTS.has(tag) : tag === 'video';
  const media = fits ? mediaFileName(value) : null;
  if (media !== null) {
    event.attrValue = mediaUrl(media);
    return;
  }
  // An image inlined in the card itself fetches nothing (the CSP allows data: images).
  if (tag === 'img' && event.attrName === 'src' && /^data:image\//i.test(value.trim())) return;
  if (tag === 'img' && isRemote(value)) remoteImages.add(node);
  event.keepAttr = false;
}

purify.addHook('afterSanitizeAttributes', (node) => {
  // Links open outside the app window, after the confirmation card-content.tsx asks for.
  if ((node.localName === 'a' || node.localName === 'area') && node.hasAttribute('href')) {
    node.setAttribute('target', '_blank');
    node.setAttribute('rel', 'noopener noreferrer');
  }
  if (remoteImages.has(node)) {
    node.setAttribute('alt', `[remote image not loaded: ${node.getAttribute('alt') ?? ''}]`);
  }
});

/** The dark theme's background while a card is sanitised for night mode, else null. */
let nightBackground: Rgb | null = null;
/** The opaque background each element with an inline background colour draws its content on. */
let backgrounds = new WeakMap<Element, Rgb>();

// Night mode rewrites only colours the attribute hook above already passed, and writes back plain hex,
// so nothing it produces could fetch or escape. Parents come before their children in DOMPurify's walk,
// so an element's backdrop (its nearest coloured ancestor) is already adjusted when it is reached.
purify.addHook('afterSanitizeAttributes', (node) => {
  if (nightBackground === null) return;
  const under = backdrop(node, nightBackground);
  const bgcolor = node.getAttribute('bgcolor');
  const adjustedBg = bgcolor === null ? null : nightBackgroundColor(bgcolor, under);
  if (adjustedBg) {
    node.setAttribute('bgcolor', toHex(adjustedBg));
    backgrounds.set(node, adjustedBg);
  }
  const style = node.getAttribute('style');
  if (style !== null) {
    const night = nightStyle(style, adjustedBg ?? under);
    node.setAttribute('style', night.style);
    if (night.background !== under) backgrounds.set(node, night.background);
  }
  const color = node.localName === 'font' ? node.getAttribute('color') : null;
  const adjusted = color === null ? null : nightTextColor(color, backdrop(node, nightBackground));
  if (adjusted) node.setAttribute('color', toHex(adjusted));
});

function backdrop(node: Element, page: Rgb): Rgb {
  for (let at: Element | null = node; at; at = at.parentElement) {
    const background = backgrounds.get(at);
    if (background) return background;
  }
  return page;
}

/**
 * Sanitised HTML for one card side, ready for innerHTML. With `night` (the dark theme's background) its
 * inline colours are adjusted to read on it (night-colors.ts).
 */
export function sanitizeCardHtml(html: string, night: Rgb | null = null): string {
  nightBackground = night;
  backgrounds = new WeakMap();
  try {
    return purify.sanitize(dropCspTriggers(html), CONFIG);
  } finally {
    nightBackground = null;
  }
}
