/**
 * Mock interviews: section time limits, a session's start, its current question, done, grade, undo and
 * end with the summary (the answer times they record are in statistics: stats.answerTimes). The rules are in
 * electron/core/mock-interview/; sessions live in the collection file, so they survive a restart.
 */
import { CueError } from '../../../shared/errors';
import { sectionLimits, setSectionLimit } from '../mock-interview/mock-limits';
import {
  finishAnswer,
  gradeQuestion,
  type MockContext,
  runningRow,
  sessionView,
  startSession,
  undoGrade,
} from '../mock-interview/mock-session';
import { endSession, questionRows, runningSession } from '../mock-interview/mock-store';
import { sessionSummary } from '../mock-interview/mock-summary';
import { feature } from './context';

export function mockHandlers(core: MockContext) {
  return feature({
    'mock.sections': ({ deckId }) => setup(core, deckId),
    'mock.setLimit': ({ sectionId, seconds }) => {
      const deckId = core.db.transaction(() => setSectionLimit(core.db, sectionId, seconds))();
      const sections = sectionLimits(core.db, deckId, core.now());
      return sections.filter((s) => s.sectionId === sectionId)[0];
    },
    'mock.start': (input) => core.db.transaction(() => sessionView(core, startSession(core, input)))(),
    'mock.current': ({ sessionId }) => core.db.transaction(() => sessionView(core, sessionId))(),
    'mock.done': ({ sessionId, position, timeTakenMs }) => {
      finishAnswer(core, sessionId, position, timeTakenMs);
      return sessionView(core, sessionId);
    },
    'mock.grade': ({ sessionId, position, rating, ...extras }) =>
      gradeQuestion(core, sessionId, position, rating, extras),
    'mock.undo': ({ sessionId }) => undoGrade(core, sessionId),
    'mock.end': ({ sessionId }) =>
      core.db.transaction(() => {
        runningRow(core.db, sessionId);
        endSession(core.db, sessionId, core.now());
        return sessionSummary(core.db, sessionId);
      })(),
    'mock.summary': ({ sessionId }) => sessionSummary(core.db, sessionId),
  });
}

function setup(core: MockContext, deckId: number) {
  const exists = core.db.prepare('SELECT 1 FROM decks WHERE id = ?').get(deckId);
  if (!exists) throw new CueError('not_found', `There is no deck ${deckId}.`, { deckId });
  const running = runningSession(core.db, deckId);
  const questions = running ? questionRows(core.db, running.id) : [];
  return {
    deckId,
    sections: sectionLimits(core.db, deckId, core.now()),
    running: running
      ? {
          sessionId: running.id,
          position: Math.min(questions.length, questions.filter((q) => q.review_id !== null).length + 1),
          total: questions.length,
        }
      : null,
  };
}
