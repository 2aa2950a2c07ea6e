/** What every platform's citation line says about where a sentence stands in its article. */
import type { Citation } from '../../core/index.ts';

/** How many opening paragraphs of an article are its lede. */
export const LEDE_PARAGRAPHS = 2;

/**
 * The section a citation names: its heading; "lede" for an article's first paragraphs before
 * any heading; otherwise none, and the paragraph number says where. An article without
 * headings is one long opening section, and "lede · ¶14" would misname its fourteenth paragraph.
 */
export function sectionLabel(citation: Pick<Citation, 'section' | 'paragraph'>): string | null {
  return citation.section ?? (citation.paragraph <= LEDE_PARAGRAPHS ? 'lede' : null);
}

/**
 * The opening words of a cited sentence, quoted, for a citation line whose sentence the reply
 * does not show: two supporting sentences of one paragraph would otherwise have the same line.
 */
export function openingWords(text: string, max = 60): string {
  // The sentence's own opening or closing quotation mark would stand doubled inside ours.
  const plain = text.replace(/\s+/g, ' ').trim().replace(/^["“”‘’']+|["“”‘’']+$/gu, '');
  if (Array.from(plain).length <= max) return `“${plain}”`;
  const cut = Array.from(plain).slice(0, max).join('');
  const atWord = cut.replace(/\s+\S*$/u, '');
  return `“${(atWord.length >= max / 2 ? atWord : cut).replace(/[\s,;:—–-]+$/u, '')}…”`;
}
