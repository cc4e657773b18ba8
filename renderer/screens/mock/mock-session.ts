/**
 * One mock interview on screen: the session as the server keeps it, its summary once it ends, and the
 * calls behind done, grade, undo and end. One call at a time: a key pressed while one runs is dropped.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Rating } from '../../../shared/domain';
import type { MockSessionView, MockSummary } from '../../../shared/mock';
import { call } from '../../lib/api-client';
import type { AnswerExtras } from '../../lib/checklist';
import { errorCode } from '../../lib/errors';
import { type ToastMessage, useToast } from '../../lib/toast';

export interface MockRun {
  view: MockSessionView | null;
  summary: MockSummary | null;
  error: unknown;
  toast: ToastMessage | null;
  done: (timeTakenMs: number) => void;
  /** Grades the answered question, with the key points ticked and the text typed, as study answers. */
  grade: (rating: Rating, extras?: AnswerExtras) => void;
  undo: () => void;
  end: () => void;
  reload: () => void;
  clearToast: () => void;
}

export function useMockRun(sessionId: number): MockRun {
  const [view, setView] = useState<MockSessionView | null>(null);
  const [summary, setSummary] = useState<MockSummary | null>(null);
  const [error, setError] = useState<unknown>(null);
  const { toast, say, clear: clearToast } = useToast();
  const busy = useRef(false);

  const run = useCallback((action: () => Promise<void>) => {
    if (busy.current) return;
    busy.current = true;
    action()
      .then(() => setError(null))
      .catch((reason: unknown) => setError(reason))
      .finally(() => {
        busy.current = false;
      });
  }, []);

  /**
   * Once every question is graded (or the session ended) the summary shows; a session not ended yet is
   * ended when the summary is left, so its last grade can still be undone from there.
   */
  const show = useCallback(
    async (next: MockSessionView) => {
      setSummary(next.ended || next.current === null ? await call('mock.summary', { sessionId }) : null);
      setView(next);
    },
    [sessionId],
  );

  const reload = useCallback(
    () => run(async () => show(await call('mock.current', { sessionId }))),
    [run, show, sessionId],
  );
  useEffect(reload, [reload]);

  const position = view?.current?.position ?? 0;
  const done = useCallback(
    (timeTakenMs: number) => run(async () => show(await call('mock.done', { sessionId, position, timeTakenMs }))),
    [run, show, sessionId, position],
  );
  const grade = useCallback(
    (rating: Rating, extras: AnswerExtras = {}) =>
      run(async () => show(await call('mock.grade', { sessionId, position, rating, ...extras }))),
    [run, show, sessionId, position],
  );
  const undo = useCallback(
    () =>
      run(async () => {
        try {
          await show(await call('mock.undo', { sessionId }));
          say('Grade undone.');
        } catch (reason) {
          if (errorCode(reason) !== 'nothing_to_undo') throw reason;
          say('Nothing to undo.');
        }
      }),
    [run, show, say, sessionId],
  );
  const end = useCallback(
    () =>
      run(async () => {
        setSummary(await call('mock.end', { sessionId }));
        setView((old) => (old ? { ...old, ended: true, current: null, canUndo: false } : old));
      }),
    [run, sessionId],
  );

  return { view, summary, error, toast, done, grade, undo, end, reload, clearToast };
}
