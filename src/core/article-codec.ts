/**
 * The articles of an index file in a compact binary form, read back several times faster than
 * JSON and with far less garbage: at 10,000 articles, parsing them as JSON was the larger part
 * of a cold start.
 *
 * The form follows the article schema (schema.ts): each article is a run of 32-bit integers
 * (counts, offsets, and string references) in the schema's key order, and its long strings
 * are one Latin-1 run and one UTF-16 run, decoded at once and cut into the strings (V8 keeps
 * a cut of 13 characters or more as a view of the run, without copying it). Short strings
 * ("s12", "person", an outlet's name), which repeat across articles, are stored once in a
 * table and shared. An article the form cannot reproduce exactly (a key the schema does not
 * list, a number that is no 32-bit count) is stored as JSON instead: encoding checks every
 * article by decoding it again and comparing the JSON of both.
 */
import type { Article, Attribution, Entity, Paragraph, Quote, Section, Sentence } from './schema.ts';

/** Strings up to this length go into the shared table. */
const SHORT = 32;
/** An integer reference to a string: the table entry `v >>> 1` when odd; otherwise `len << 2 | wide << 1`, the next `len` characters of the article's Latin-1 (wide 0) or UTF-16 (wide 1) run. 0 is null. */
const NULL = 0;
/** How an article is stored. */
const ENCODED = 0;
const AS_JSON = 1;

/** The encoded articles: the integers, the characters, and the short-string table. */
export interface EncodedArticles {
  ints: Uint32Array;
  /** Each article's Latin-1 run then its UTF-16 run, one after the other. */
  text: Buffer;
  /** The short strings, in table order. */
  table: string[];
}

const LATIN1 = /^[\0-\xff]*$/;

class Writer {
  ints: number[] = [];
  table: string[] = [];
  private tableIds = new Map<string, number>();
  narrow: string[] = [];
  wide: string[] = [];
  narrowLength = 0;
  wideLength = 0;

  int(n: number): void {
    this.ints.push(n);
  }
  str(s: string | null): void {
    if (s === null) return this.int(NULL);
    if (s.length <= SHORT) {
      let id = this.tableIds.get(s);
      if (id === undefined) {
        id = this.table.length;
        this.table.push(s);
        this.tableIds.set(s, id);
      }
      return this.int((id << 1) | 1);
    }
    if (LATIN1.test(s)) {
      this.narrow.push(s);
      this.narrowLength += s.length;
      this.int(s.length << 2);
    } else {
      this.wide.push(s);
      this.wideLength += s.length;
      this.int((s.length << 2) | 2);
    }
  }
  strings(list: readonly string[]): void {
    this.int(list.length);
    for (const s of list) this.str(s);
  }
}

function writeArticle(w: Writer, a: Article): void {
  w.int(ENCODED);
  w.str(a.id);
  w.str(a.title);
  w.str(a.outlet);
  w.str(a.url);
  w.str(a.published);
  w.str(a.dek);
  w.str(a.dateline);
  w.str(a.source);
  w.str(a.sourceHash);
  w.str(a.addedBy ?? null);
  w.int(a.sections.length);
  for (const section of a.sections) {
    w.str(section.heading);
    w.int(section.paragraphs.length);
    for (const p of section.paragraphs) {
      w.int(p.n);
      w.int(p.start);
      w.int(p.end);
      w.int(p.sentences.length);
      for (const s of p.sentences) {
        w.str(s.id);
        w.str(s.text);
        w.int(s.start);
        w.int(s.end);
        w.strings(s.numbers);
        w.strings(s.dates);
      }
    }
  }
  w.int(a.entities.length);
  for (const e of a.entities) {
    w.str(e.id);
    w.str(e.name);
    w.str(e.type);
    w.strings(e.aliases);
    w.strings(e.roles);
    w.strings(e.mentions);
    w.strings(e.pronounMentions);
  }
  w.int(a.quotes.length);
  for (const q of a.quotes) {
    w.strings(q.sentences);
    w.str(q.text);
    if (q.speaker === null) w.int(0);
    else {
      w.int(1);
      w.str(q.speaker.entity);
      w.str(q.speaker.description);
    }
  }
  w.int(a.attributions.length);
  for (const at of a.attributions) {
    w.str(at.sentence);
    w.str(at.text);
    w.str(at.source);
  }
}

/** Encodes articles; each one is checked to decode to the same JSON, and stored as JSON when it does not. */
export function encodeArticles(articles: readonly Article[]): EncodedArticles {
  const w = new Writer();
  const texts: Buffer[] = [];
  for (const article of articles) {
    const mark = { ints: w.ints.length, table: w.table.length };
    w.narrow = [];
    w.wide = [];
    w.narrowLength = 0;
    w.wideLength = 0;
    // Each article starts with the lengths of its two runs, filled in once it is written.
    w.int(0);
    w.int(0);
    // Numbers are stored as 32-bit counts: a value that is none comes back different, and the
    // comparison below sends the article to JSON.
    let ok = true;
    try {
      writeArticle(w, article);
    } catch {
      ok = false;
    }
    let text = ok ? runsOf(w) : Buffer.alloc(0);
    if (ok) {
      w.ints[mark.ints] = w.narrowLength;
      w.ints[mark.ints + 1] = w.wideLength;
      const reader = new Reader(Uint32Array.from(w.ints.slice(mark.ints)), text, w.table);
      ok = JSON.stringify(reader.article()) === JSON.stringify(article);
    }
    if (!ok) {
      // Back to the mark (table entries added since are left: harmless), then the article as JSON.
      w.ints.length = mark.ints;
      w.narrow = [];
      w.wide = [];
      w.narrowLength = 0;
      w.wideLength = 0;
      w.int(0);
      w.int(0);
      w.int(AS_JSON);
      w.str(JSON.stringify(article));
      w.ints[mark.ints] = w.narrowLength;
      w.ints[mark.ints + 1] = w.wideLength;
      text = runsOf(w);
    }
    texts.push(text);
  }
  return { ints: Uint32Array.from(w.ints), text: Buffer.concat(texts), table: w.table };
}

function runsOf(w: Writer): Buffer {
  return Buffer.concat([Buffer.from(w.narrow.join(''), 'latin1'), Buffer.from(w.wide.join(''), 'utf16le')]);
}

/** Decodes `count` articles. */
export function decodeArticles(encoded: EncodedArticles, count: number): Article[] {
  const reader = new Reader(encoded.ints, encoded.text, encoded.table);
  const out = new Array<Article>(count);
  for (let i = 0; i < count; i++) out[i] = reader.article();
  if (reader.at !== encoded.ints.length) throw new Error('article codec: the encoded articles do not end where expected');
  return out;
}

class Reader {
  at = 0;
  private textAt = 0;
  private narrow = '';
  private narrowAt = 0;
  private wide = '';
  private wideAt = 0;
  constructor(
    private readonly ints: Uint32Array,
    private readonly text: Buffer,
    private readonly table: readonly string[],
  ) {}

  private int(): number {
    if (this.at >= this.ints.length) throw new Error('article codec: truncated');
    return this.ints[this.at++]!;
  }
  private str(): string {
    const v = this.int();
    if (v & 1) {
      const s = this.table[v >>> 1];
      if (s === undefined) throw new Error('article codec: bad string reference');
      return s;
    }
    const length = v >>> 2;
    if (v & 2) {
      const s = this.wide.slice(this.wideAt, this.wideAt + length);
      this.wideAt += length;
      return s;
    }
    if (v === NULL) throw new Error('article codec: unexpected null');
    const s = this.narrow.slice(this.narrowAt, this.narrowAt + length);
    this.narrowAt += length;
    return s;
  }
  private nullable(): string | null {
    if (this.ints[this.at] === NULL) {
      this.at++;
      return null;
    }
    return this.str();
  }
  private strings(): string[] {
    const n = this.int();
    const out = new Array<string>(n);
    for (let i = 0; i < n; i++) out[i] = this.str();
    return out;
  }

  article(): Article {
    const narrowLength = this.int();
    const wideLength = this.int();
    const start = this.textAt;
    const end = start + narrowLength + wideLength * 2;
    if (end > this.text.length) throw new Error('article codec: truncated text');
    this.narrow = this.text.toString('latin1', start, start + narrowLength);
    this.wide = wideLength > 0 ? this.text.toString('utf16le', start + narrowLength, end) : '';
    this.narrowAt = 0;
    this.wideAt = 0;
    this.textAt = end;
    const kind = this.int();
    if (kind === AS_JSON) return JSON.parse(this.str()) as Article;
    if (kind !== ENCODED) throw new Error('article codec: unknown article form');
    const id = this.str();
    const title = this.str();
    const outlet = this.str();
    const url = this.str();
    const published = this.str();
    const dek = this.str();
    const dateline = this.str();
    const source = this.str();
    const sourceHash = this.str();
    const addedBy = this.nullable();
    const sections = new Array<Section>(this.int());
    for (let i = 0; i < sections.length; i++) {
      const heading = this.nullable();
      const paragraphs = new Array<Paragraph>(this.int());
      for (let j = 0; j < paragraphs.length; j++) {
        const n = this.int();
        const pStart = this.int();
        const pEnd = this.int();
        const sentences = new Array<Sentence>(this.int());
        for (let k = 0; k < sentences.length; k++) {
          const sid = this.str();
          const text = this.str();
          const sStart = this.int();
          const sEnd = this.int();
          const numbers = this.strings();
          sentences[k] = { id: sid, text, start: sStart, end: sEnd, numbers, dates: this.strings() };
        }
        paragraphs[j] = { n, start: pStart, end: pEnd, sentences };
      }
      sections[i] = { heading, paragraphs };
    }
    const entities = new Array<Entity>(this.int());
    for (let i = 0; i < entities.length; i++) {
      const eid = this.str();
      const name = this.str();
      const type = this.str() as Entity['type'];
      const aliases = this.strings();
      const roles = this.strings();
      const mentions = this.strings();
      entities[i] = { id: eid, name, type, aliases, roles, mentions, pronounMentions: this.strings() };
    }
    const quotes = new Array<Quote>(this.int());
    for (let i = 0; i < quotes.length; i++) {
      const qSentences = this.strings();
      const text = this.str();
      let speaker: Quote['speaker'] = null;
      if (this.int() === 1) {
        const entity = this.nullable();
        speaker = { entity, description: this.str() };
      }
      quotes[i] = { sentences: qSentences, text, speaker };
    }
    const attributions = new Array<Attribution>(this.int());
    for (let i = 0; i < attributions.length; i++) {
      const sentence = this.str();
      const text = this.str();
      attributions[i] = { sentence, text, source: this.str() };
    }
    if (this.narrowAt !== this.narrow.length || this.wideAt !== this.wide.length) throw new Error('article codec: text left over');
    return addedBy === null
      ? { id, title, outlet, url, published, dek, dateline, source, sourceHash, sections, entities, quotes, attributions }
      : { id, title, outlet, url, published, dek, dateline, source, sourceHash, addedBy, sections, entities, quotes, attributions };
  }
}
