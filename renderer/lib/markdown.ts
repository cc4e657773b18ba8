/**
 * Card Markdown -> safe HTML. Study, the editor preview and card info all use `renderCardContent`, so a
 * card looks the same everywhere. Raw HTML in Markdown is off; the output still goes through the card
 * sanitiser (card-sanitizer.ts) because KaTeX and highlight.js produce markup and a deck file is
 * untrusted input. Imported HTML cards go through the same sanitiser.
 */
import markdownItKatexModule from '@vscode/markdown-it-katex';
import hljs from 'highlight.js/lib/core';
import bash from 'highlight.js/lib/languages/bash';
import cpp from 'highlight.js/lib/languages/cpp';
import diff from 'highlight.js/lib/languages/diff';
import go from 'highlight.js/lib/languages/go';
import java from 'highlight.js/lib/languages/java';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import plaintext from 'highlight.js/lib/languages/plaintext';
import python from 'highlight.js/lib/languages/python';
import shell from 'highlight.js/lib/languages/shell';
import sql from 'highlight.js/lib/languages/sql';
import typescript from 'highlight.js/lib/languages/typescript';
import xml from 'highlight.js/lib/languages/xml';
import yaml from 'highlight.js/lib/languages/yaml';
import katex from 'katex';
import MarkdownIt from 'markdown-it';
import { keyPointsBlock } from '../../shared/key-points-markdown';
import { sanitizeCardHtml } from './card-sanitizer';
import { SOUND_TAG } from './card-sounds';
import { clozeSpans } from './markdown-cloze';
import { DARK_BACKGROUND } from './night-colors';

// Only what interview decks use; the full highlight.js bundle is ~1 MB. Aliases (py, js, ts, sh, yml,
// html, c++) come with each language definition.
const LANGUAGES = { bash, cpp, diff, go, java, javascript, json, plaintext, python, shell, sql, typescript, xml, yaml };
for (const [name, language] of Object.entries(LANGUAGES)) hljs.registerLanguage(name, language);

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A fenced block: highlighted when the language is known, escaped text otherwise; never auto-detected. */
function highlightFence(code: string, info: string): string {
  const lang = info.trim().split(/\s+/)[0]?.toLowerCase() ?? '';
  const known = lang !== '' && hljs.getLanguage(lang) !== undefined;
  const body = known ? hljs.highlight(code, { language: lang, ignoreIllegals: true }).value : escapeHtml(code);
  const label = lang ? ` data-lang="${escapeHtml(lang)}"` : '';
  const langClass = known ? ` language-${escapeHtml(lang)}` : '';
  return `<pre class="code-block"${label}><code class="hljs${langClass}">${body}</code></pre>`;
}

// The plugin is CommonJS with `exports.default`; in a "type": "module" package the bundler follows Node and
// hands over the whole exports object, elsewhere the function itself. Accept both.
const markdownItKatex =
  (markdownItKatexModule as unknown as { default?: typeof markdownItKatexModule }).default ?? markdownItKatexModule;

// linkify stays off: it would turn "like bit.ly" in a question into a link out of the app.
const md = new MarkdownIt({ html: false, linkify: false, typographer: false, highlight: highlightFence });
// The plugin bundles its own KaTeX import; hand it ours so the markup matches the imported katex.css.
// trust stays off, so \href, \url, \includegraphics and \html* render as errors, not as links or markup;
// maxSize caps \rule and \kern, so a formula cannot be made thousands of screens wide.
md.use(markdownItKatex, { katex, throwOnError: false, trust: false, maxSize: 50, maxExpand: 1000 });
// `::: points` marks an answer's key points; the card shows the list inside as it is
md.use(keyPointsBlock);
// a cloze note's <span class="cloze"> (and only that HTML) passes, with the Markdown inside it rendered
md.use(clozeSpans);

/**
 * Anki's [sound:file.mp3] becomes a player for the collection's file, named by the file for a screen
 * reader; `data-sound` marks the players a side's autoplay and replay take, in order (card-sounds.ts).
 */
function soundsToPlayers(html: string): string {
  return html.replace(SOUND_TAG, (_whole, name: string) => {
    const escaped = escapeHtml(name);
    return `<audio controls preload="none" src="${escaped}" aria-label="${escaped}" data-sound=""></audio>`;
  });
}

/**
 * A card side in either format: Markdown (Cue's own) or HTML (imported), sanitised the same way. In the
 * dark theme an HTML card's inline colours are adjusted to read on it; Markdown cards carry none.
 */
export function renderCardContent(source: string, format: 'markdown' | 'html', dark = false): string {
  if (format === 'markdown') return renderMarkdown(source);
  return sanitizeCardHtml(soundsToPlayers(source), dark ? DARK_BACKGROUND : null);
}

const cache = new Map<string, string>();
const CACHE_LIMIT = 200;

/** Renders card Markdown to sanitised HTML. Cached: the same card is rendered on every reveal and undo. */
export function renderMarkdown(source: string): string {
  const hit = cache.get(source);
  if (hit !== undefined) return hit;
  const html = sanitizeCardHtml(md.render(source));
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(source, html);
  return html;
}
