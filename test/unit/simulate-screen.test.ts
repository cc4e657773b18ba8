/** The simulation screen's pure parts: reading a retention as typed, and where the chart's marks put their labels. */
import { describe, expect, it } from 'vitest';
import { marksFor, parseRetention } from '../../renderer/screens/simulate/simulate-session';

describe('parseRetention', () => {
  it('reads a share, a percentage and a percent sign, to hundredths', () => {
    expect(parseRetention('0.85')).toBe(0.85);
    expect(parseRetention('85')).toBe(0.85);
    expect(parseRetention(' 85 % ')).toBe(0.85);
    expect(parseRetention('.9')).toBe(0.9);
    expect(parseRetention('0.874')).toBe(0.87);
    expect(parseRetention('99')).toBe(0.99);
    expect(parseRetention('70%')).toBe(0.7);
  });

  it('says what is wrong with anything else', () => {
    expect(parseRetention('')).toEqual({ error: 'Type a retention such as 0.85 or 85%.' });
    expect(parseRetention('high')).toEqual({ error: 'Type a retention such as 0.85 or 85%.' });
    expect(parseRetention('-0.8')).toEqual({ error: 'Type a retention such as 0.85 or 85%.' });
    expect(parseRetention('0.5')).toEqual({ error: 'Desired retention must be from 70% to 99%.' });
    expect(parseRetention('100')).toEqual({ error: 'Desired retention must be from 70% to 99%.' });
    expect(parseRetention('0.995')).toEqual({ error: 'Desired retention must be from 70% to 99%.' });
  });
});

describe('marksFor', () => {
  const sides = (current: number, best: number) =>
    marksFor(current, best).map(({ kind, side, row }) => `${kind}:${side}:${row}`);

  it('labels the current and the best retention, facing away from each other', () => {
    expect(marksFor(0.9, 0.8).map((mark) => mark.label)).toEqual(['Current 90%', 'Best 80%']);
    expect(sides(0.9, 0.8)).toEqual(['current:right:0', 'best:left:0']);
    expect(sides(0.8, 0.9)).toEqual(['current:left:0', 'best:right:0']);
  });

  it('keeps labels inside the plot at the ends of the axis, on a second line when they would collide', () => {
    expect(sides(0.85, 0.71)).toEqual(['current:right:0', 'best:right:0']);
    expect(sides(0.72, 0.7)).toEqual(['current:right:0', 'best:right:1']);
    expect(sides(0.97, 0.99)).toEqual(['current:left:0', 'best:left:1']);
    expect(sides(0.9, 0.9)).toEqual(['current:left:0', 'best:right:0']);
  });
});
