import { describe, expect, it } from 'vitest';
import { createBot } from '../../src/core/index.ts';
import { articleOf } from '../helpers.ts';

// A made-up story where no sentence yet says what caused the fire.

describe('what caused it, when no sentence yet says', () => {
  const ship = articleOf('tarnow-ship', 'Cargo ship reaches Tarnow after engine fire', [
    'A cargo ship carrying 40 crew reached Tarnow on Friday after a fire broke out in one of its engines.',
    'The captain headed for Tarnow because its harbour had a fire brigade on duty all night.',
    'The ship docked at 6:10 p.m., and firefighters hosed down the engine for an hour.',
    'Investigators boarded the ship on Saturday. "Nobody can yet say what caused the fire," said Ilse Marrow, the harbour board\'s chief inspector.',
  ]);

  it('cites the sentence that says the cause is not known, not one that only shares the words', () => {
    const reply = createBot([ship]).handle({ text: 'What caused the engine fire?' });
    expect(reply.citations[0]?.text).toMatch(/what caused the fire/);
  });
});
