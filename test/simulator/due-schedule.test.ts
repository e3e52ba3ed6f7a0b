import { describe, expect, it } from 'vitest';
import { DueSchedule } from '../../electron/simulator/due-schedule';

describe('DueSchedule', () => {
  it('hands out what is due, earliest first, each once', () => {
    const s = new DueSchedule<string>();
    s.add('c', 30);
    s.add('a', 10);
    s.add('b', 20);
    expect(s.takeDue(5)).toEqual([]);
    expect(s.takeDue(20)).toEqual(['a', 'b']);
    expect(s.takeDue(100)).toEqual(['c']);
    expect(s.takeDue(100)).toEqual([]);
    expect(s.size).toBe(0);
  });

  it('moves an item earlier, but not later until it is taken', () => {
    const s = new DueSchedule<string>();
    s.add('a', 100);
    s.add('a', 10);
    expect(s.takeDue(10)).toEqual(['a']);
    // The old entry at 100 is stale: not handed out again.
    expect(s.takeDue(200)).toEqual([]);
    s.add('b', 10);
    s.add('b', 50);
    expect(s.takeDue(10)).toEqual(['b']);
  });

  it('re-adding at the time of a stale entry hands the item out once', () => {
    const s = new DueSchedule<string>();
    s.add('a', 100);
    s.add('a', 50);
    expect(s.takeDue(60)).toEqual(['a']);
    s.add('a', 100);
    expect(s.takeDue(100)).toEqual(['a']);
    expect(s.size).toBe(0);
  });

  it('unschedules on a time that never comes', () => {
    const s = new DueSchedule<string>();
    s.add('a', 10);
    s.add('a', Number.POSITIVE_INFINITY);
    expect(s.takeDue(1e15)).toEqual([]);
  });
});
