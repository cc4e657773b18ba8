/**
 * One side of a card: Markdown or imported HTML, rendered by the shared, sanitising `renderCardContent`,
 * in a box it cannot draw outside of (`.card-box`, styles.css). A link in it opens only after the
 * confirmation of link-dialog.tsx, which shows the full address. The side's element is the card's root,
 * as Anki's `body.card` is: its note type's CSS applies to it and inside it only (card-css.ts). In the dark
 * theme an imported (HTML) card, or one whose note type has CSS, gets Anki's night mode: the
 * `nightMode night_mode` classes that CSS looks for, and an HTML card's inline colours adjusted to read on
 * the dark background.
 */
import { type MouseEvent, memo, type Ref, useId, useMemo, useState } from 'react';
import { TYPE_ANSWER_RESULT } from '../../shared/note-templates';
import { scopeCardCss } from './card-css';
import { sanitizeCardHtml } from './card-sanitizer';
import { type LinkVerdict, linkVerdict } from './card-urls';
import { LinkDialog } from './link-dialog';
import { renderCardContent } from './markdown';
import { useDarkTheme } from './use-dark-theme';

interface Props {
  source: string;
  format: 'markdown' | 'html';
  testId: string;
  className?: string;
  /** The note type's CSS ('' or absent: none). */
  css?: string;
  /** The typed answer's comparison (Anki's markup), for the answer's `type-answer-result` placeholder. */
  typeResult?: string | null;
  /** The rendered side, for what acts on its players (use-card-sounds.ts). */
  contentRef?: Ref<HTMLDivElement>;
}

/**
 * What Anki's night mode does to a card whose note type paints it for a white page (Anki's stock
 * `.card { color: black; background-color: white }`): the theme's text on the theme's background. It
 * comes before the note type's CSS and outweighs a bare `.card`, so a type's own `.nightMode` rules win.
 */
const NIGHT_CARD = 'body.nightMode { color: var(--text); background-color: transparent; }\n';
// a word Markdown and the sanitiser leave as it is, swapped for the comparison once they are done
const TYPE_ANSWER_MARK = 'cuetypeanswerresultmark';

/** The side's HTML, with the comparison where the placeholder was (or above, when there is none). */
function renderSide(source: string, format: 'markdown' | 'html', night: boolean, typeResult: string | null): string {
  if (typeResult === null) return renderCardContent(source, format, night);
  const marked = source.includes(TYPE_ANSWER_RESULT);
  const html = renderCardContent(marked ? source.replace(TYPE_ANSWER_RESULT, TYPE_ANSWER_MARK) : source, format, night);
  const result = `<span class="type-answer-result" data-testid="type-answer-result">${sanitizeCardHtml(typeResult)}</span>`;
  return marked && html.includes(TYPE_ANSWER_MARK) ? html.replace(TYPE_ANSWER_MARK, result) : `${result}${html}`;
}

export const CardContent = memo(function CardContent({
  source,
  format,
  testId,
  className,
  css = '',
  typeResult = null,
  contentRef,
}: Props) {
  const night = useDarkTheme() && (format === 'html' || css !== '');
  const html = useMemo(
    () => renderSide(source, format, night && format === 'html', typeResult),
    [source, format, night, typeResult],
  );
  const root = useId().replace(/[^\w-]/g, '');
  const scoped = useMemo(
    () => (css ? scopeCardCss(`${night ? NIGHT_CARD : ''}${css}`, `[data-card-root="${root}"]`) : ''),
    [css, root, night],
  );
  const [link, setLink] = useState<LinkVerdict | null>(null);

  // A click (or Enter, which clicks) on a link, or a middle click, asks first instead of following it.
  const onLinkClick = (event: MouseEvent<HTMLDivElement>) => {
    if (event.type === 'auxclick' && event.button !== 1) return;
    const target = event.target instanceof Element ? event.target.closest('a[href], area[href]') : null;
    if (!target || !event.currentTarget.contains(target)) return;
    event.preventDefault();
    event.stopPropagation();
    setLink(linkVerdict(target.getAttribute('href') ?? ''));
  };

  return (
    <div className="card-box">
      {/* the scoped CSS goes in as text, never as markup (card-css.ts escapes what could end the element) */}
      {scoped && <style>{scoped}</style>}
      {/* biome-ignore lint/a11y/noStaticElementInteractions: the links inside are the controls; this catches their clicks. */}
      {/* biome-ignore lint/a11y/useKeyWithClickEvents: Enter on a focused link is a click, so the keyboard is covered. */}
      <div
        ref={contentRef}
        className={`card-content card${className ? ` ${className}` : ''}${night ? ' nightMode night_mode' : ''}`}
        data-card-root={root}
        data-testid={testId}
        onClick={onLinkClick}
        onAuxClick={onLinkClick}
        // biome-ignore lint/security/noDangerouslySetInnerHtml: renderCardContent sanitises (card-sanitizer.ts), and Markdown has raw HTML off.
        dangerouslySetInnerHTML={{ __html: html }}
      />
      {link && <LinkDialog verdict={link} onClose={() => setLink(null)} />}
    </div>
  );
});
