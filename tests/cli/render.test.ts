import { describe, expect, it } from 'vitest';
import { renderReply } from '../../src/adapters/cli/render.ts';
import { createBot } from '../../src/core/index.ts';
import { articleOf } from '../helpers.ts';

describe('terminal rendering', () => {
  it('lists the 20 newest sources and counts the rest, instead of printing the whole corpus', () => {
    const articles = Array.from({ length: 25 }, (_, i) => {
      const article = articleOf(`story-${i}`, `Harbour story ${i}`, [`The harbour board met for the ${i + 1}th time on Monday.`]);
      return { ...article, published: `2024-01-${String(i + 1).padStart(2, '0')}` };
    });
    const reply = createBot(articles).handle({ text: '', command: 'sources' });
    const lines = renderReply(reply, { color: false, width: 200 }).split('\n');
    const listed = lines.filter((l) => l.startsWith('• '));
    expect(listed).toHaveLength(20);
    expect(listed[0]).toContain('Harbour story 24');
    expect(lines.at(-1)).toBe('…and 5 more articles.');
  });
});
