/** The study screen's checklist state: untouched until used, the suggestion, the ticks a typed answer starts from. */
import { describe, expect, it } from 'vitest';
import { answerExtras, matchOf, suggestionOf, ticksFromMatch, toggled } from '../../renderer/lib/checklist';
import type { StudyCard } from '../../shared/domain';
import { extractKeyPoints } from '../../shared/key-points';

const ANSWER = [
  '- **Elastic Weight Consolidation (EWC):** Adds regularization term to preserve important weights',
  '- **Progressive Neural Networks:** Creates new columns for new tasks while preserving old ones',
  '- **Replay Buffers:** Maintains samples from previous tasks for continued training',
].join('\n');

const card = {
  keyPoints: extractKeyPoints(ANSWER, 'markdown'),
  answering: { pointsGoodShare: 1, pointsHardShare: 0.5, typedAnswer: false },
} as StudyCard;
const [ewc, progressive, replay] = card.keyPoints.map((point) => point.id);

describe('the checklist state', () => {
  it('suggests nothing until a point is touched, then follows the ticks', () => {
    expect(suggestionOf(card, null)).toBeNull();
    const one = toggled(null, ewc);
    expect(suggestionOf(card, one)).toBe(1);
    expect(suggestionOf(card, toggled(one, replay))).toBe(2);
    expect(suggestionOf(card, new Set([ewc, progressive, replay]))).toBe(3);
    // unticking the only tick leaves a used checklist with nothing recalled: Again, not Good
    expect(suggestionOf(card, toggled(one, ewc))).toBe(1);
  });

  it('sends the ticks only once the checklist was used, and the typed text only when there is some', () => {
    expect(answerExtras(card, null, '  ')).toEqual({});
    expect(answerExtras(card, new Set(), '')).toEqual({ recalled: [] });
    expect(answerExtras(card, new Set([ewc]), 'EWC')).toEqual({ recalled: [ewc], typedText: 'EWC' });
    const noPoints = { ...card, keyPoints: [] } as StudyCard;
    expect(answerExtras(noPoints, new Set(), 'code')).toEqual({ typedText: 'code' });
  });

  it('starts the ticks from what a typed answer covers, and matches nothing when nothing was typed', () => {
    expect(matchOf(card, ' \n')).toBeNull();
    const matches = matchOf(card, 'Elastic weight consolidation, and a replay buffer of samples');
    expect(matches).not.toBeNull();
    expect([...ticksFromMatch(matches ?? [])]).toEqual([ewc, replay]);
  });
});
