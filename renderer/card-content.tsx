/** One side of a card: Markdown rendered by the shared, sanitising `renderMarkdown`. */
import { memo, useMemo } from 'react';
import { renderMarkdown } from './markdown';

interface Props {
  markdown: string;
  testId: string;
  className?: string;
}

export const CardContent = memo(function CardContent({ markdown, testId, className }: Props) {
  const html = useMemo(() => renderMarkdown(markdown), [markdown]);
  return (
    <div
      className={`card-content${className ? ` ${className}` : ''}`}
      data-testid={testId}
      // biome-ignore lint/security/noDangerouslySetInnerHtml: renderMarkdown disables raw HTML and sanitises with DOMPurify.
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
});
