import { describe, expect, it } from 'vitest';
import { parseContractCsvInSteps } from '../../electron/core/contracts/contract-csv-steps';
import { parseContractCsv } from '../../shared/domain/fleet/contract-csv';

/**
 * Rows with what a step must not cut: quoted delimiters and line breaks, escaped quotes, a quote
 * inside an unquoted value, accents; empty and bad rows.
 */
function awkwardCsv(rows: number, newline = '\n'): string {
  const lines = ['\uFEFFContract nr;Klant;Straat;Postcode;Gemeente;Tariff'];
  for (let i = 0; i < rows; i += 1) {
    if (i % 97 === 5)
      lines.push(`;Nobody ${i};;;;`); // no contract number
    else if (i % 89 === 7)
      lines.push(`C-${i - 1};Twice ${i};Dorp 1;1000;Brussel;fixed`); // a repeat
    else if (i % 83 === 3)
      lines.push(`C-${i};"Short ${i}"`); // too few fields
    else if (i % 71 === 1) lines.push('');
    else if (i % 61 === 10)
      lines.push(`C-${i};Inch ${i};Dorp 2;1000;Brussel;TV 55" aan de muur`); // a quote as text, not a quoted field
    else
      lines.push(
        `C-${i};"Peeters; An ${i}";"Kerkstraat ${i}\nbus ${i % 7}";${1000 + (i % 8999)};Sint-Niklaas-Waes ${'é'.repeat(i % 5)};"say ""hi"""`,
      );
  }
  return lines.join(newline);
}

describe('parseContractCsvInSteps', () => {
  it.each(['\n', '\r\n'])(
    'reads a file in small steps to exactly what one read gives: contracts, row numbers, errors (%j)',
    async (newline) => {
      const csv = awkwardCsv(2_000, newline);
      const whole = parseContractCsv(csv);
      expect(whole.contracts.length).toBeGreaterThan(1_500);
      expect(whole.report.errors.length).toBeGreaterThan(40);
      // Steps of about 1,000 characters: over a hundred of them, each ending between two rows.
      const stepped = await parseContractCsvInSteps(csv, undefined, { stepChars: 1_000 });
      expect(stepped).toEqual(whole);
    },
  );

  it('lets other work run between steps, and reports how far it read, ending at the whole', async () => {
    const csv = awkwardCsv(3_000);
    const seen: Array<[number, number]> = [];
    let yields = 0;
    let ranBetween = 0;
    const timer = setInterval(() => (ranBetween += 1), 0);
    try {
      await parseContractCsvInSteps(csv, undefined, {
        stepChars: 4_096,
        onProgress: (done, total) => seen.push([done, total]),
        yieldNow: async () => {
          yields += 1;
          await new Promise((resolve) => setTimeout(resolve, 1));
        },
      });
    } finally {
      clearInterval(timer);
    }
    const total = csv.length - 1; // without the byte order mark
    expect(yields).toBeGreaterThan(csv.length / 4_096 - 2);
    expect(ranBetween).toBeGreaterThan(0);
    expect(seen.every(([, t]) => t === total)).toBe(true);
    const done = seen.map(([d]) => d);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(done.at(-1)).toBe(total);
    expect(done[0]).toBeLessThan(total);
  });

  it('gives the same answer as one read for a wrong mapping, an unguessable header and an empty file', async () => {
    const csv = 'a,b\n1,2\n3,4\n';
    for (const mapping of [undefined, { contractNumber: 'a', customerName: 'zz' }])
      expect(await parseContractCsvInSteps(csv, mapping, { stepChars: 3 })).toEqual(
        parseContractCsv(csv, mapping),
      );
    expect(await parseContractCsvInSteps('', undefined)).toEqual(parseContractCsv(''));
    // Old Mac line ends: no line feed to end a step at, so one step reads it all.
    const mac = 'contract,name\rC-1,Ann\rC-2,"Bo\rBoon"\r';
    expect(await parseContractCsvInSteps(mac, undefined, { stepChars: 4 })).toEqual(parseContractCsv(mac));
    expect(parseContractCsv(mac).contracts).toHaveLength(2);
    // Broken quotes: each complaint stays with its own row, whichever step reads it.
    const quotes = 'contract,name\nC-1,Ann\n\nC-2,"Bo" x,"y"\nC-3,Cy\nC-4,Di\nC-5,"Ed\nC-6,Flo\n';
    const stepped = await parseContractCsvInSteps(quotes, undefined, { stepChars: 4 });
    expect(stepped).toEqual(parseContractCsv(quotes));
    expect(stepped.contracts.map((c) => c.contractNumber)).toEqual(['C-1', 'C-3', 'C-4']);
    expect(stepped.report.errors.map((e) => e.row)).toEqual([3, 6]);
  });
});
