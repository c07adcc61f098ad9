import { perfect, seqTally } from './ledger';

const events = (...seqs: number[]) => seqs.map((seq) => ({ seq }));

describe('seqTally (the failure tests’ count of events by seq per agent)', () => {
  it('is perfect when every seq after `from` up to `to` was received once', () => {
    expect(
      seqTally([
        { user: 'a', from: 2, to: 5, received: events(3, 4, 5) },
        { user: 'b', from: 0, to: 2, received: events(1, 2) },
      ]),
    ).toEqual(perfect(5));
  });

  it('names what was lost, received twice (live and again in a replay) or outside the range', () => {
    expect(seqTally([{ user: 'a', from: 2, to: 6, received: events(3, 4, 4, 6, 9) }])).toEqual({
      expected: 4,
      landed: 3,
      lost: ['a#5'],
      duplicated: ['a#4'],
      unexpected: ['a#9'],
    });
  });

  it('expects nothing when the cluster says the stream is behind where the panel started', () => {
    expect(seqTally([{ user: 'a', from: 4, to: 0, received: events(5) }])).toMatchObject({
      expected: 0,
      unexpected: ['a#5'],
    });
  });
});
