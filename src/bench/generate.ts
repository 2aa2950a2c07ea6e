/**
 * Generated news articles for the benchmark: 30 to 40 sentences each, a news-like vocabulary
 * whose words follow a Zipf-like distribution (a few common words, a long tail of rare ones),
 * named people, places and organisations, and quotes with their speakers. Everything comes
 * from a seeded PRNG, so the same seed gives the same corpus on every machine.
 */

/** A small, fast, seeded PRNG (mulberry32): the same seed gives the same sequence. */
export function createRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NOUNS = `government minister officials talks agreement plan proposal ceasefire election vote budget tax economy inflation market shares prices workers union strike company deal contract court ruling judge law bill parliament senate committee report investigation police army troops border region city village hospital school students teachers farmers water energy power grid gas oil pipeline port ship airport flights train bridge road storm flood fire drought harvest crops exports imports tariffs sanctions aid loan debt bank rates growth jobs protest crowd leader party coalition campaign poll survey data study scientists research vaccine virus patients doctors health care insurance pension housing rent mortgage prices fuel coal climate emissions target summit meeting delegation envoy embassy treaty alliance security defence missile drone attack offensive front line territory control withdrawal negotiations sources statement interview spokesman spokeswoman council mayor governor president premier ministry agency regulator board investors profit losses revenue quarter forecast outlook shortage supply demand factory plant production cars batteries chips software platform users app network data privacy hackers breach fraud charges trial verdict appeal sentence prison refugees migrants asylum visa citizens residents families children neighbourhood district province capital coast island river mountain valley festival museum stadium team match season coach players fans title record`.split(/\s+/);
const VERBS_PAST = `said announced rejected approved signed warned demanded offered proposed agreed refused confirmed denied accused criticised praised urged promised launched opened closed cut raised lowered blocked backed delayed cancelled extended expanded reduced increased reported revealed ordered banned allowed received sent visited met called described`.split(/\s+/);
const VERBS_BASE = `end stop support cut raise build protect reform review restore expand reduce delay block approve reject fund defend replace improve`.split(/\s+/);
const ADJECTIVES = `new major key senior former local national regional federal foreign domestic economic political military public private final early late first second last recent growing rising falling sharp strong weak heavy limited full partial temporary permanent urgent controversial fragile historic annual`.split(/\s+/);
const FIRST = `Anna Maria Elena Sofia Laura Julia Clara Nina Olga Irina Sarah Emma Grace Alice Helen Ruth Amira Leila Priya Mei Yuki Ana Lucia Ines Marta David James John Peter Paul Mark Daniel Thomas Michael Robert Ivan Pavel Andrei Oleg Ahmed Omar Ali Karim Rahul Arjun Chen Wei Kenji Luis Carlos Diego Pedro Hugo Lars Erik Jan Tomas Viktor`.split(/\s+/);
const SYLLABLES = `ka ro ve lin dor ma sel tor an bri co del fen gar hal ix jun kel lor mun nor ost pra quin ras sten tul ur vas wen yar zol bel cas dun est fal gor hem ist jor kar lum mer nol oth pel rin sor tan ul ven`.split(/\s+/);
const ROLES = `minister spokesman spokeswoman mayor governor senator chief executive director adviser envoy commander analyst economist professor chairman president secretary`.split(/\s+/);
const ORG_KINDS = ['Ministry of Finance', 'Ministry of Defence', 'Ministry of Health', 'Central Bank', 'Supreme Court', 'National Assembly', 'Workers Union', 'Energy Agency', 'Trade Council', 'Press Association'];
const DAYS = `Monday Tuesday Wednesday Thursday Friday Saturday Sunday`.split(/\s+/);
const MONTHS = `January February March April May June July August September October November December`.split(/\s+/);

function pick<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)]!;
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** A pronounceable made-up word of 2 to 4 syllables. */
function pseudoWord(random: () => number): string {
  const n = 2 + Math.floor(random() * 3);
  let w = '';
  for (let i = 0; i < n; i++) w += pick(random, SYLLABLES);
  return w;
}

/** Options for {@link createGenerator}. */
export interface GeneratorOptions {
  seed: number;
  /** Size of the made-up long tail of the vocabulary (default 40,000 words). */
  tailWords?: number;
  /** Zipf exponent of word choice (default 1.05). */
  zipf?: number;
}

/** One generated article: plain text (headline first) plus the questions it can answer. */
export interface GeneratedArticle {
  id: string;
  title: string;
  text: string;
  /** Questions whose answers are sentences of this article. */
  questions: string[];
}

/**
 * A generator of news-like articles. Common words come from a list of real news words;
 * the tail is made-up words, drawn with Zipf-distributed ranks, so a large corpus has the
 * large, skewed vocabulary of a real one. People, places and organisations are shared
 * across articles (a newsroom writes about the same people again), also Zipf-distributed.
 */
export function createGenerator(options: GeneratorOptions): { article(n: number): GeneratedArticle } {
  const vocabRandom = createRandom(options.seed ^ 0x9e3779b9);
  const tail = options.tailWords ?? 40_000;
  const vocabulary = [...new Set([...NOUNS, ...Array.from({ length: tail }, () => pseudoWord(vocabRandom))])];
  const people = Array.from({ length: 3_000 }, () => `${pick(vocabRandom, FIRST)} ${capitalise(pseudoWord(vocabRandom))}`);
  const places = Array.from({ length: 1_500 }, () => capitalise(pseudoWord(vocabRandom)));
  const orgs = Array.from({ length: 800 }, () => `${capitalise(pseudoWord(vocabRandom))} ${pick(vocabRandom, ORG_KINDS)}`);
  const s = options.zipf ?? 1.05;

  // Cumulative Zipf weights over a list of `n` ranks, sampled by binary search.
  function zipfSampler(n: number): (random: () => number) => number {
    const cdf = new Float64Array(n);
    let total = 0;
    for (let r = 0; r < n; r++) cdf[r] = total += 1 / Math.pow(r + 1, s);
    return (random) => {
      const x = random() * total;
      let lo = 0;
      let hi = n - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cdf[mid]! < x) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    };
  }
  const wordRank = zipfSampler(vocabulary.length);
  const personRank = zipfSampler(people.length);
  const placeRank = zipfSampler(places.length);
  const orgRank = zipfSampler(orgs.length);

  function article(n: number): GeneratedArticle {
    const random = createRandom((options.seed * 1_000_003 + n) >>> 0);
    const word = () => vocabulary[wordRank(random)]!;
    const cast = Array.from({ length: 3 + Math.floor(random() * 3) }, () => people[personRank(random)]!);
    const castRoles = cast.map(() => pick(random, ROLES));
    const place = places[placeRank(random)]!;
    const otherPlace = places[placeRank(random)]!;
    const org = orgs[orgRank(random)]!;
    const topic = word();
    const topic2 = word();
    const sentences: string[] = [];
    const questions: string[] = [];
    const person = () => Math.floor(random() * cast.length);
    const surname = (i: number) => cast[i]!.split(' ')[1]!;
    const month = pick(random, MONTHS);
    const count = 1 + Math.floor(random() * 900);

    sentences.push(`${cast[0]}, the ${castRoles[0]} of the ${org}, ${pick(random, VERBS_PAST)} a ${pick(random, ADJECTIVES)} ${topic} plan for ${place} on ${pick(random, DAYS)}, according to officials familiar with the ${topic2} talks.`);
    questions.push(`What did ${surname(0)} announce about ${topic} in ${place}?`);
    sentences.push(`The plan would ${pick(random, VERBS_BASE)} the ${word()} ${word()} in ${place} and ${pick(random, VERBS_BASE)} the ${word()} of ${otherPlace} by ${month}.`);
    sentences.push(`About ${count} ${word()} ${word()} were ${pick(random, VERBS_PAST)} in ${otherPlace} last year, the ${org} said.`);
    questions.push(`How many ${topic2} were reported in ${otherPlace}?`);
    const total = 30 + Math.floor(random() * 11);
    while (sentences.length < total) {
      const kind = random();
      const i = person();
      if (kind < 0.2) {
        const said = `"The ${word()} ${word()} must ${pick(random, VERBS_BASE)} the ${word()} of ${place} before ${month}," ${cast[i]} said.`;
        sentences.push(said);
        if (questions.length < 6) questions.push(`What did ${surname(i)} say about ${place}?`);
      } else if (kind < 0.3) {
        sentences.push(`${capitalise(surname(i))} told reporters: "We will not ${pick(random, VERBS_BASE)} the ${word()} ${word()} while the ${word()} ${word()} continues."`);
      } else if (kind < 0.45) {
        sentences.push(`${capitalise(pick(random, ADJECTIVES))} ${word()} in ${pick(random, [place, otherPlace])} ${pick(random, VERBS_PAST)} the ${word()} after ${count % 97} ${word()} ${word()} ${pick(random, VERBS_PAST)} the ${word()}, ${surname(i)} said.`);
      } else if (kind < 0.55) {
        sentences.push(`${cast[i]}, a ${castRoles[i]}, ${pick(random, VERBS_PAST)} the ${org} of ${pick(random, VERBS_BASE)}ing the ${word()} ${word()} in ${month}.`);
        if (questions.length < 6) questions.push(`Who ${pick(random, VERBS_PAST)} the ${org}?`);
      } else if (kind < 0.65) {
        sentences.push(`${capitalise(word())} ${word()} ${pick(random, VERBS_PAST)} ${Math.floor(random() * 80) + 2} percent in ${month}, the ${pick(random, ADJECTIVES)} ${word()} since ${2000 + Math.floor(random() * 24)}.`);
      } else {
        const words = Array.from({ length: 6 + Math.floor(random() * 10) }, word);
        sentences.push(`The ${pick(random, ADJECTIVES)} ${words.join(' ')} ${pick(random, VERBS_PAST)} the ${word()} ${word()} in ${pick(random, [place, otherPlace])}.`);
      }
    }
    const title = `${capitalise(topic)} plan for ${place} ${pick(random, VERBS_PAST)} as ${surname(0)} ${pick(random, ['presses on', 'faces critics', 'meets envoys', 'wins backing'])}`;
    const paragraphs: string[] = [];
    for (let k = 0; k < sentences.length; ) {
      const size = 2 + Math.floor(random() * 3);
      paragraphs.push(sentences.slice(k, k + size).join(' '));
      k += size;
    }
    return { id: `gen-${options.seed}-${n}`, title, text: `${title}\n\n${paragraphs.join('\n\n')}\n`, questions };
  }

  return { article };
}
