/** One-line plain-text previews of card sides (shared/card-preview.ts) and the browser's marked preview. */
import { describe, expect, it } from 'vitest';
import type { Collection } from '../../electron/core/collection';
import { dispatch } from '../../electron/core/dispatch';
import { markMatches } from '../../electron/core/search/card-search';
import { cardPreview, decodeEntities, PREVIEW_MAX_LENGTH, truncate } from '../../shared/card-preview';
import type { UploadedFile } from '../../shared/io';
import { clozeNotePackage } from '../helpers/anki-packages';
import { openTestCollection, TestClock } from '../helpers/collections';

const html = (text: string) => cardPreview(text, 'html');
const markdown = (text: string) => cardPreview(text, 'markdown');

describe('an HTML side', () => {
  it('decodes entities: named, decimal and hex; an unknown name or a bad number is not lost', () => {
    expect(html('some&nbsp;text &amp; more &lt;b&gt; &quot;q&quot; &#39;s&#x27;')).toBe(`some text & more <b> "q" 's'`);
    expect(html('caf&#233; &#x1F600; &mdash; &hellip;')).toBe('café 😀 — …');
    expect(html('&madeup; &#0; &#xD800;')).toBe('&madeup; \uFFFD \uFFFD');
    // decoded once: an escaped entity shows as the entity's text
    expect(html('&amp;nbsp;')).toBe('&nbsp;');
    expect(decodeEntities('a &AMP; b')).toBe('a &AMP; b');
  });

  it('drops tags, nested ones included, and keeps words apart only where blocks end', () => {
    expect(html('<div><b>bold <i>and <u>nested</u></i></b> text</div>')).toBe('bold and nested text');
    expect(html('un<b>bro</b>ken')).toBe('unbroken');
    expect(html('<div>one</div><div>two</div><p>three</p><ul><li>four</li><li>five</li></ul>')).toBe(
      'one two three four five',
    );
    expect(html('<table><tr><td>a</td><td>b</td></tr></table>')).toBe('a b');
    expect(html('<span title="a > b" data-x=\'<i>\'>quoted</span> attributes')).toBe('quoted attributes');
  });

  it('turns line breaks into spaces and collapses whitespace', () => {
    expect(html('line one<br>line two<br/>line three<BR />four')).toBe('line one line two line three four');
    expect(html('  spaced \n\n\t out  ')).toBe('spaced out');
  });

  it('shows a cloze as the side shows it, and raw cloze markup as its text', () => {
    // what Anki's {{cloze:Text}} renders on the question and on the answer (electron/core/io/anki/)
    expect(html('In a cloze, some&nbsp;<span class="cloze">[...]</span> is hidden')).toBe(
      'In a cloze, some [...] is hidden',
    );
    expect(html('The <span class="cloze">capital</span> of France')).toBe('The capital of France');
    expect(html('{{c1::Paris::city}} is in {{c2::France}}')).toBe('Paris is in France');
    expect(html('{{c1::outer {{c2::inner}} text}}')).toBe('outer inner text');
  });

  it('drops sound tags and shows images as their alt text', () => {
    expect(html('[sound:foo.wav]')).toBe('');
    expect(html('Listen [sound:sa gwa.mp3] and repeat')).toBe('Listen and repeat');
    expect(html('card #3 with image <img src="anki.png" />')).toBe('card #3 with image');
    expect(html('a <img src="x.png" alt="red &amp; blue"> flag')).toBe('a red & blue flag');
    expect(html("<img alt='single'>")).toBe('single');
  });

  it('keeps hostile markup inert: scripts and styles go with their content, handlers never run', () => {
    expect(html('<script>alert(1)</script>Safe')).toBe('Safe');
    expect(html('<style>body{display:none}</style>Shown')).toBe('Shown');
    expect(html('<img src=x onerror="alert(1)">after')).toBe('after');
    expect(html('<svg onload=alert(1)><text>svg text</text></svg>')).toBe('svg text');
    expect(html('<!-- <script>alert(1)</script> -->visible')).toBe('visible');
    // escaped markup is the text it spells, never markup (the lists render it as text)
    expect(html('&lt;script&gt;alert(1)&lt;/script&gt;')).toBe('<script>alert(1)</script>');
    // an unclosed tag, a lone < and an unclosed script
    expect(html('1 < 2 and <b')).toBe('1 < 2 and');
    expect(html('before<script>never closed')).toBe('before');
  });
});

describe('a Markdown side', () => {
  it('drops the syntax and keeps the text', () => {
    expect(markdown('## What is **CAP**?\n\nMore _text_ here')).toBe('What is CAP? More text here');
    expect(markdown('Use `fsync` and [the docs](https://example.com/x)')).toBe('Use fsync and the docs');
    expect(markdown('- one\n- two\n\n1. three')).toBe('one two three');
    expect(markdown('> quoted\nline')).toBe('quoted line');
    expect(markdown('![a diagram](d.png) shows it')).toBe('a diagram shows it');
    expect(markdown('code:\n\n```python\ndef f():\n    pass\n```')).toBe('code: def f(): pass');
    expect(markdown('\\*not emphasis\\*')).toBe('*not emphasis*');
    expect(markdown('')).toBe('');
  });

  it('keeps math as written', () => {
    expect(markdown('Cost is $O(n \\log n)$ here')).toBe('Cost is $O(n \\log n)$ here');
  });

  it('shows raw HTML as the text it is (Markdown cards render no HTML)', () => {
    expect(markdown('<b>tag</b> & <script>alert(1)</script>')).toBe('<b>tag</b> & <script>alert(1)</script>');
  });
});

describe('a long side', () => {
  it('is cut at a word with an ellipsis, and a short one is left whole', () => {
    const long = `${'word '.repeat(100)}end`;
    const preview = markdown(long);
    expect(preview.length).toBeLessThanOrEqual(PREVIEW_MAX_LENGTH);
    expect(preview.endsWith('word…')).toBe(true);
    expect(truncate('short', 10)).toBe('short');
    expect(truncate('abcdefghijklmnop', 10)).toBe('abcdefghi…');
    expect(cardPreview('one two three four', 'html', 15)).toBe('one two three…');
    // no word boundary near the cut: the word is cut
    expect(cardPreview('one two three four', 'html', 12)).toBe('one two thr…');
  });
});

describe('the browser’s marked preview', () => {
  const open = '\u0001';
  const close = '\u0002';

  it('marks matches in the text, never inside tags or entities, and escapes the rest', () => {
    // FTS5 marks the source's words, the tag and entity names among them
    const marked = `In a ${open}cloze${close}, some&${open}nbsp${close};<${open}span${close} class="${open}cloze${close}">[...]</span> &lt;b&gt;`;
    expect(markMatches(marked, 'html')).toBe('In a <mark>cloze</mark>, some [...] &#60;b&#62;');
    expect(markMatches(`**${open}bold${close}** <i>`, 'markdown')).toBe('<mark>bold</mark> &#60;i&#62;');
  });

  it('closes a mark the preview cut off', () => {
    const marked = `${'a '.repeat(90)}${open}${'b '.repeat(20)}${close}`;
    const result = markMatches(marked, 'markdown');
    expect(result.match(/<mark>/g)).toHaveLength(1);
    expect(result.endsWith('…</mark>')).toBe(true);
  });
});

function importCloze(collection: Collection): void {
  const file = dispatch(collection, 'files.upload', {
    name: 'cloze.apkg',
    dataBase64: Buffer.from(clozeNotePackage()).toString('base64'),
  }) as UploadedFile;
  dispatch(collection, 'import.apply', { upload: file.upload });
}

describe('an imported cloze card in lists', () => {
  it('searches as text, its question kept as HTML, in the browser, statistics and readiness', () => {
    const collection = openTestCollection(new TestClock(Date.UTC(2026, 5, 1, 10, 0)));
    importCloze(collection);
    const { cards } = collection.handlers['cards.search']({ query: 'cloze', limit: 10, offset: 0 });
    expect(cards).toHaveLength(1);
    const [card] = cards;
    expect(card.question).toContain('<span class="cloze" data-cloze="text" data-ordinal="1">[...]</span>');
    expect(card.preview).toBe('In a cloze, some [...] is hidden');
    expect(card.questionHighlighted).toBe('In a <mark>cloze</mark>, some [...] is hidden');
    const inStats = collection.handlers['stats.cards']({ deckId: card.deckId, limit: 10, offset: 0 });
    expect(inStats.cards[0]).toMatchObject({ id: card.id, format: 'html' });
    const readiness = collection.handlers['readiness.get']({ deckId: card.deckId, date: '2026-07-01' });
    expect(readiness.cards[0]).toMatchObject({ id: card.id, format: 'html' });
  });
});
