import { describe, expect, it } from 'vitest';
import { matchTypedAnswer, termsOf } from '../../shared/typed-answer-match';

/** The bundled deck's answer on catastrophic forgetting, as its key points. */
const FORGETTING = [
  {
    id: 'ewc',
    label: 'Elastic Weight Consolidation (EWC)',
    text: 'Adds regularization term to preserve important weights',
  },
  {
    id: 'progressive',
    label: 'Progressive Neural Networks',
    text: 'Creates new columns for new tasks while preserving old ones',
  },
  { id: 'replay', label: 'Replay Buffers', text: 'Maintains samples from previous tasks for continued training' },
];

const covered = (typed: string, points = FORGETTING) =>
  matchTypedAnswer(points, typed)
    .filter((match) => match.covered)
    .map((match) => match.id);

describe('matching a typed answer to key points', () => {
  it('marks the points an answer names, by their label', () => {
    expect(covered('I would use EWC and keep a replay buffer of old examples')).toEqual(['ewc', 'replay']);
  });

  it('finds a point described in other words of the same stems (a paraphrase)', () => {
    // no label word at all: "regularizing" and "weights", "important" carry it
    expect(covered('regularizing the loss so that the most important weights barely move')).toEqual(['ewc']);
    // "previous tasks" and "samples" from the text, in another order and inflection
    expect(covered('keep sampling data of the previous task and mix it in')).toEqual(['replay']);
  });

  it('marks nothing when the answer misses every point', () => {
    expect(covered('lower the learning rate and train for fewer epochs')).toEqual([]);
    expect(covered('')).toEqual([]);
  });

  it('does not count one shared word as a point recalled', () => {
    // "tasks" appears in two points' texts: one common word is not enough for either
    expect(covered('it depends on the tasks')).toEqual([]);
    // "old" is the Progressive point's own, "task" also the Replay point's: worth 1.5, not enough
    expect(covered('keep the old tasks in mind when learning the new task')).toEqual([]);
  });

  it('does not tick two points for the one word their labels share', () => {
    const complexity = [
      { id: 'time', label: 'Time Complexity', text: '$O(n \\log n)$' },
      { id: 'space', label: 'Space Complexity', text: '$O(1)$' },
    ];
    expect(covered('the complexity is fine', complexity)).toEqual([]);
    expect(covered('time complexity n log n because of the sort', complexity)).toEqual(['time']);
    expect(covered('constant space', complexity)).toEqual(['space']);
  });

  it('does not tick two points for the one word their texts share', () => {
    const heap = [
      { id: 'insert', label: 'Insert', text: '$O(\\log n)$' },
      { id: 'extract-min', label: 'Extract-Min', text: '$O(\\log n)$' },
      { id: 'peek', label: 'Peek', text: '$O(1)$' },
    ];
    expect(covered('log', heap)).toEqual([]);
    expect(covered('insert is log n', heap)).toEqual(['insert']);
  });

  it('says which terms it found, so the screen can explain a tick', () => {
    const [ewc] = matchTypedAnswer(FORGETTING, 'Elastic weight consolidation');
    expect(ewc.covered).toBe(true);
    expect(ewc.matchedTerms).toEqual(['elast', 'weight', 'consolid']);
    expect(ewc.terms.slice(0, 4)).toEqual(['elast', 'weight', 'consolid', 'ewc']);
  });

  it('covers a behavioural answer part by its label or by its story', () => {
    const star = [
      { id: 'situation', label: 'Situation', text: 'Real-time fraud detection for a financial services client' },
      { id: 'task', label: 'Task', text: 'Lead 4 ML engineers to reach 99.9% accuracy under 100ms latency' },
      { id: 'action', label: 'Action', text: 'Hybrid rule-based and deep learning; Kubeflow pipeline; A/B tests' },
      { id: 'result', label: 'Result', text: 'Fraud losses down 73% with 50ms average latency' },
    ];
    const typed = 'We built fraud detection for a bank client. I used Kubeflow pipelines and a hybrid of rules.';
    expect(covered(typed, star)).toEqual(['situation', 'action']);
  });

  it('ignores words every point of an answer shares', () => {
    const points = ['A', 'B', 'C', 'D'].map((name) => ({
      id: name,
      label: `Model ${name === 'A' ? 'Quantization' : name === 'B' ? 'Batching' : name === 'C' ? 'Caching' : 'Sharding'}`,
      text: 'for the model server',
    }));
    expect(covered('serve the model from a server', points)).toEqual([]);
    expect(covered('cache the model outputs', points)).toEqual(['C']);
  });

  it('stems words, drops common ones, keeps acronyms and names like C++', () => {
    expect(termsOf("The model's caching of predictions, in C++ and KS-tests")).toEqual([
      'model',
      'cach',
      'predict',
      'c++',
      'kstest',
    ]);
  });
});
