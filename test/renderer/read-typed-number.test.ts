import { describe, expect, it } from 'vitest';
import { readTypedNumber } from '../../renderer/src/lib/read-typed-number';

const decimal = (text: string) => readTypedNumber(text, { whole: false });
const whole = (text: string) => readTypedNumber(text, { whole: true });
const messageOf = (r: ReturnType<typeof readTypedNumber>) => (r.kind === 'unclear' ? r.message : r.kind);

describe('reading a number as an operator types it', () => {
  it('takes a comma or a point as the decimal mark', () => {
    for (const [text, value] of [
      ['2,5', 2.5],
      ['2.5', 2.5],
      [' 2,50 ', 2.5],
      [',5', 0.5],
      ['0,125', 0.125],
      ['-1,5', -1.5],
      ['\u22121.5', -1.5],
      ['25', 25],
      ['0', 0],
    ] as const) {
      expect(decimal(text), text).toEqual({ kind: 'number', value });
    }
  });

  it('takes thousands grouped by threes when they cannot be a decimal', () => {
    for (const [text, value] of [
      ['1.000.000', 1_000_000],
      ['1,000,000', 1_000_000],
      ['1 000', 1000],
      ["1'000", 1000],
      ['1\u202f000', 1000],
      ['1.000,5', 1000.5],
      ['1,000.5', 1000.5],
      ['-12.345.678', -12_345_678],
    ] as const) {
      expect(decimal(text), text).toEqual({ kind: 'number', value });
    }
    expect(whole('86 400')).toEqual({ kind: 'number', value: 86_400 });
  });

  it('refuses one point or comma before exactly three digits, saying both readings', () => {
    expect(messageOf(decimal('2,500'))).toBe(
      '“2,500” could be 2500 or 2,5: type 2500 without a separator, or 2,5.',
    );
    expect(messageOf(decimal('1.000'))).toBe(
      '“1.000” could be 1000 or 1: type 1000 without a separator, or 1.',
    );
    expect(messageOf(whole('3.600'))).toBe('“3.600” could be 3600 or 3.6: type 3600, without a separator.');
    expect(messageOf(whole('-1,500'))).toBe(
      '“-1,500” could be -1500 or -1,5: type -1500, without a separator.',
    );
  });

  it('refuses a decimal part in a whole-number field instead of dropping the separator or cutting it off', () => {
    expect(messageOf(whole('3,6'))).toBe('Enter a whole number (“3,6” is not one).');
    expect(messageOf(whole('2.5'))).toBe('Enter a whole number (“2.5” is not one).');
    expect(whole('3,0')).toEqual({ kind: 'number', value: 3 });
  });

  it('refuses anything else in words, and reads nothing typed as empty', () => {
    for (const text of ['2,5 kW', '10k', '1e3', '0x10', '3.', '-', '1.2.3', '1.000.5', '1,00,000', 'ten']) {
      expect(decimal(text).kind, text).toBe('unclear');
    }
    expect(messageOf(decimal('2,5 kW'))).toBe(
      '“2,5 kW” is not a number: type digits, with a comma or point for decimals, like 2,5.',
    );
    expect(messageOf(whole('60 s'))).toBe('“60 s” is not a whole number: type digits only, like 25.');
    expect(decimal('  ')).toEqual({ kind: 'empty' });
  });
});
