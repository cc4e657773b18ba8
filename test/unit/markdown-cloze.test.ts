/**
 * Cue's Markdown keeps raw HTML off, but lets a cloze note's spans through (renderer/lib/markdown-cloze.ts),
 * so the Markdown inside a cloze still renders. The rest of the pipeline (the sanitiser) runs in Chromium.
 */
import markdownItKatexModule from '@vscode/markdown-it-katex';
import katex from 'katex';
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { clozeSpans } from '../../renderer/lib/markdown-cloze';
import { parseTemplate, renderCard } from '../../shared/note-templates';

const markdownItKatex =
  (markdownItKatexModule as unknown as { default?: typeof markdownItKatexModule }).default ?? markdownItKatexModule;
// as renderer/lib/markdown.ts configures it
const md = new MarkdownIt({ html: false, linkify: false, typographer: false })
  .use(markdownItKatex, { katex, throwOnError: false, trust: false })
  .use(clozeSpans);

function side(text: string, question: boolean): string {
  const template = parseTemplate('{{cloze:Text}}');
  const card = renderCard(template, template, {
    fields: new Map([['Text', text]]),
    cardOrd: 0,
    isCloze: true,
    format: 'markdown',
  });
  if (!card) throw new Error(`no cloze 1 in ${text}`);
  return md.render(question ? card.question : card.answer);
}

describe('cloze spans in Markdown', () => {
  it('render the Markdown inside a revealed cloze: bold, code and math', () => {
    expect(side('The {{c1::**capital**}} is `x`', false)).toBe(
      '<p>The <span class="cloze" data-ordinal="1"><strong>capital</strong></span> is <code>x</code></p>\n',
    );
    expect(side('Code {{c1::`a < b`}}', false)).toBe(
      '<p>Code <span class="cloze" data-ordinal="1"><code>a &lt; b</code></span></p>\n',
    );
    const math = side('{{c1::$x^2$}}', false);
    expect(math).toMatch(/^<p><span class="cloze" data-ordinal="1"><span class="katex">/);
    expect(math).toMatch(/<\/span><\/span><\/p>\n$/);
  });

  it('pass the hidden cloze, its data-cloze and its hint as the engine wrote them', () => {
    expect(side('A {{c1::*b*::the hint}} and {{c2::c}}', true)).toBe(
      '<p>A <span class="cloze" data-cloze="&#x2A;b&#x2A;" data-ordinal="1">[the hint]</span> and ' +
        '<span class="cloze-inactive" data-ordinal="2">c</span></p>\n',
    );
    expect(md.render('x <span class="type-answer-result"></span>')).toBe(
      '<p>x <span class="type-answer-result"></span></p>\n',
    );
  });

  it('leave every other tag as text, spans with other classes or attributes included', () => {
    for (const html of [
      '<b>bold</b>',
      '<span class="other">x',
      '<span class="cloze" onclick="alert(1)">',
      '<span class="cloze" data-cloze="a"b">',
      '<span class="cloze" data-ordinal="1" style="position:fixed">',
      '<span  class="cloze">',
      '<SPAN class="cloze">',
      '<span class="type-answer-result">text</span>',
      '<img src=x onerror=alert(1)>',
      '<script>alert(1)</script>',
    ]) {
      const out = md.render(html);
      expect(out, html).not.toMatch(/<(?!\/?p>|\/span>|span class="cloze">)/);
    }
    expect(md.render('<span class="cloze" onclick="alert(1)">x</span>')).toBe(
      '<p>&lt;span class=&quot;cloze&quot; onclick=&quot;alert(1)&quot;&gt;x</span></p>\n',
    );
    expect(md.render('<b>bold</b>')).toBe('<p>&lt;b&gt;bold&lt;/b&gt;</p>\n');
  });
});
