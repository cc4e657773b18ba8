/**
 * The live preview of every card the note makes, as study shows them: asked for (`notes.preview`) a
 * moment after the typing stops, one panel per card with its question and answer, and the preview's
 * problems ("The text has no cloze") above them. For a saved note it marks the cards a save would add
 * and names the ones it would retire.
 */
import { useEffect, useState } from 'react';
import type { NoteDetail, NotePreview as Preview } from '../../../shared/notes';
import { call } from '../../lib/api-client';
import { CardContent } from '../../lib/card-content';
import { describeError } from '../../lib/errors';

/** How long the typing pauses before the preview is asked for. */
const PREVIEW_DELAY_MS = 150;

interface Request {
  noteTypeId: number;
  fields: string[];
  tags: string[];
  sectionId: number;
}

function usePreview(request: Request): { preview: Preview | null; error: string | null } {
  const [answer, setAnswer] = useState<{ preview: Preview | null; error: string | null }>({
    preview: null,
    error: null,
  });
  const key = JSON.stringify(request);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` is the request, compared by value.
  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => {
      const { noteTypeId, fields, tags, sectionId } = request;
      call('notes.preview', { noteTypeId, fields, tags, ...(sectionId > 0 ? { sectionId } : {}) }).then(
        (preview) => current && setAnswer({ preview, error: null }),
        (reason) => current && setAnswer((old) => ({ preview: old.preview, error: describeError(reason).message })),
      );
    }, PREVIEW_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [key]);
  return answer;
}

interface Props extends Request {
  note: NoteDetail | null;
}

export function NotePreview({ note, ...request }: Props) {
  const { preview, error } = usePreview(request);
  const sameType = note?.noteType.id === request.noteTypeId;
  const retiring =
    preview && note && sameType ? note.cards.filter((card) => !preview.cards.some((c) => c.ord === card.ord)) : [];
  return (
    <section className="editor-preview" aria-label="Preview" aria-busy={preview === null} data-testid="preview">
      {error && (
        <p className="preview-problem" role="alert">
          {error}
        </p>
      )}
      {preview?.problems.map((problem) => (
        <p key={problem} className="preview-problem" data-testid="preview-problem">
          {problem}
        </p>
      ))}
      {retiring.length > 0 && (
        <p className="preview-problem" data-testid="preview-retiring">
          Saving retires {retiring.map((card) => card.name).join(', ')}.
        </p>
      )}
      {preview === null && error === null && <p className="muted">Rendering the preview…</p>}
      {preview?.cards.map((card) => {
        const isNew = note !== null && sameType && !note.cards.some((c) => c.ord === card.ord);
        return (
          <article key={card.ord} className="study-card preview-card" aria-label={card.name} data-testid="preview-card">
            <h2 className="preview-card-name">
              {card.name}
              {isNew && <span className="tag-chip preview-new">new card</span>}
            </h2>
            <CardContent source={card.question} format={card.format} testId="preview-question" className="question" />
            <hr className="answer-divider" />
            <CardContent source={card.answer} format={card.format} testId="preview-answer" className="answer" />
          </article>
        );
      })}
    </section>
  );
}
