import { describe, expect, it } from 'vitest';
import { createBot, ingestDocument, ingestText } from '../../src/core/index.ts';
import { layoutText, softBreaks, unwrapText } from '../../src/core/segment.ts';
import { fixtureText, sentencesOf } from '../helpers.ts';

/** A text with each line longer than `width` broken greedily between words, as a terminal or a mail client wraps it. */
function wrap(text: string, width: number): string {
  return text
    .split('\n')
    .map((line) => {
      const out: string[] = [];
      let current = '';
      for (const word of line.split(/\s+/).filter(Boolean)) {
        if (current && current.length + 1 + word.length > width) {
          out.push(current);
          current = word;
        } else current = current ? `${current} ${word}` : word;
      }
      return [...out, current].join('\n');
    })
    .join('\n');
}

/** The words of a text, without their punctuation. */
function wordsOf(text: string): string[] {
  return text.split(/\s+/).map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '')).filter(Boolean);
}

// Written for these tests: hard-wrapped at about 70 columns, paragraphs between blank lines.
const WRAPPED = `Brennock mill reopens after flood repairs

BRENNOCK — The Brennock paper mill reopened on Monday, four months
after the river Sallow flooded its lower floors and left 140 workers
without shifts for the whole of the spring season.

Plant manager Ottilie Varga said the repairs cost about £3.2m and that
the insurer paid most of it. The mill is a well-
known employer in the valley.

Repairs and insurance

"We lost the spring, but we kept every job," Varga said. "Nobody was
let go, and the night shift starts again next week."

- Day shift: from Monday
- Night shift: from March 9
`;

describe('a hard-wrapped plain-text article', () => {
  it('reads each paragraph as one, its sentences whole, and loses no line', async () => {
    const { article, text } = await ingestDocument(WRAPPED, { source: 'mill.txt' });
    expect(article.title).toBe('Brennock mill reopens after flood repairs');
    expect(article.dateline).toBe('BRENNOCK');
    expect(article.sections.map((s) => s.heading)).toEqual([null, 'Repairs and insurance']);
    const sentences = sentencesOf(article).map((s) => s.text);
    expect(sentences).toEqual([
      'The Brennock paper mill reopened on Monday, four months after the river Sallow flooded its lower floors and left 140 workers without shifts for the whole of the spring season.',
      'Plant manager Ottilie Varga said the repairs cost about £3.2m and that the insurer paid most of it.',
      'The mill is a well-known employer in the valley.',
      '"We lost the spring, but we kept every job," Varga said.',
      '"Nobody was let go, and the night shift starts again next week."',
      'Day shift: from Monday',
      'Night shift: from March 9',
    ]);
    expect(article.sections.map((s) => s.paragraphs.length)).toEqual([2, 3]);
    // The offsets point into the text kept beside the article.
    for (const s of sentencesOf(article)) expect(text.slice(s.start, s.end)).toBe(s.text);
    // Every word of the body is in some sentence.
    const said = new Set(wordsOf(sentences.join(' ')));
    const body = wordsOf(unwrapText(WRAPPED).split('\n').slice(1).join(' ')).filter((w) => !['BRENNOCK', 'Repairs', 'and', 'insurance'].includes(w));
    expect(body.filter((w) => !said.has(w))).toEqual([]);
  });

  it('answers from a wrapped paragraph with its whole sentence', async () => {
    const { article } = await ingestDocument(WRAPPED, { source: 'mill.txt' });
    const reply = createBot([article]).handle({ text: 'How much did the repairs cost?' });
    expect(reply.kind).toBe('answer');
    expect(reply.citations[0]!.text).toBe('Plant manager Ottilie Varga said the repairs cost about £3.2m and that the insurer paid most of it.');
  });

  it('keeps sentences whole over the line breaks when ingested as it stands, offsets into the source', () => {
    const article = ingestText(WRAPPED, { source: 'mill.txt' });
    const sentences = sentencesOf(article);
    for (const s of sentences) expect(WRAPPED.slice(s.start, s.end)).toBe(s.text);
    expect(sentences.map((s) => s.text.replace(/\s*\n\s*/g, ' '))[0]).toBe(
      'The Brennock paper mill reopened on Monday, four months after the river Sallow flooded its lower floors and left 140 workers without shifts for the whole of the spring season.',
    );
    expect(article.sections.map((s) => s.heading)).toEqual([null, 'Repairs and insurance']);
  });

  it('reads a hard-wrapped Markdown text, with Windows line ends, the same way', async () => {
    const md = '# Mill reopens\n\nThe Brennock paper mill reopened on Monday, four months after the river\nSallow flooded its lower floors and left 140 workers without shifts.\n\n## What the insurer paid\n\nPlant manager Ottilie Varga said the repairs cost about £3.2m and that\nthe insurer paid most of it, a sum she called fair.\n';
    for (const source of [md, md.replace(/\n/g, '\r\n')]) {
      const { article, text } = await ingestDocument(source, { source: 'mill.md' });
      expect(article.title).toBe('Mill reopens');
      expect(article.sections.map((s) => [s.heading, s.paragraphs.flatMap((p) => p.sentences.map((x) => x.text))])).toEqual([
        [null, ['The Brennock paper mill reopened on Monday, four months after the river Sallow flooded its lower floors and left 140 workers without shifts.']],
        ['What the insurer paid', ['Plant manager Ottilie Varga said the repairs cost about £3.2m and that the insurer paid most of it, a sum she called fair.']],
      ]);
      for (const s of sentencesOf(article)) expect(text.slice(s.start, s.end)).toBe(s.text);
    }
  });

  it('leaves a text of one-line paragraphs, and a headline over its standfirst, as they are', () => {
    const plain = 'Mill reopens\nFour months after the flood, shifts start again\n\nThe Brennock paper mill reopened on Monday.\n\nIts manager said the repairs cost about £3.2m.\n';
    expect(unwrapText(plain)).toBe(plain);
    const article = ingestText(plain, { source: 'mill.txt' });
    expect(article.title).toBe('Mill reopens');
    expect(article.dek).toBe('Four months after the flood, shifts start again');
  });

  it('reads the test articles re-wrapped at 60 and 72 columns as it reads them unwrapped', async () => {
    for (const name of ['harbour-vote.txt', 'clinic-closure.txt', 'discord-harbour-strike.txt', 'harbor-flood-barrier.txt', 'web-paste.txt', 'news/annapolis-joint-understanding.txt', 'news/anjouan-invasion.txt', 'news/uk-asylum-questionnaire.txt']) {
      const raw = fixtureText(name);
      // Paragraphs between blank lines, as a hard-wrapped text has them.
      const original = /\n\s*\n/.test(raw) ? raw : raw.split('\n').join('\n\n');
      const before = ingestText(original, { source: name });
      for (const width of [60, 72]) {
        const { article, text } = await ingestDocument(wrap(original, width), { source: name });
        expect(sentencesOf(article).map((s) => s.text), `${name} at ${width}`).toEqual(sentencesOf(before).map((s) => s.text));
        expect(article.sections.map((s) => s.heading)).toEqual(before.sections.map((s) => s.heading));
        expect([article.title, article.dek, article.dateline]).toEqual([before.title, before.dek, before.dateline]);
        for (const s of sentencesOf(article)) expect(text.slice(s.start, s.end)).toBe(s.text);
      }
    }
  });
});

describe('soft line breaks found once', () => {
  it('lays a text out with the soft breaks it is given, and ingests a text that is not hard-wrapped as ingestText does', async () => {
    const soft = softBreaks(WRAPPED);
    expect(soft.size).toBeGreaterThan(0);
    // Given no soft breaks, the wrapped lines of a paragraph are not joined into one.
    const given = layoutText(WRAPPED, { soft: new Set() });
    const found = layoutText(WRAPPED);
    expect(layoutText(WRAPPED, { soft })).toEqual(found);
    expect(given).not.toEqual(found);
    const plain = 'Mill reopens\nFour months after the flood, shifts start again\n\nThe Brennock paper mill reopened on Monday.\n\nIts manager said the repairs cost about £3.2m.\n';
    const { article, text } = await ingestDocument(plain, { id: 'mill' });
    expect(text).toBe(plain);
    expect(article).toEqual(ingestText(plain, { id: 'mill' }));
  });
});
