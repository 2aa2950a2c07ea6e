import { describe, expect, it } from 'vitest';
import { answerWithTrace, buildIndex, createBot, type Bot, type Turn } from '../../src/core/index.ts';
import { articleOf, spanText } from '../helpers.ts';

/** Asks the questions in turn, each with the conversation so far, as a chat adapter does; the replies' first citations. */
function converse(bot: Bot, questions: readonly string[]): { text: string; title: string; kind: string }[] {
  const history: Turn[] = [];
  return questions.map((q) => {
    const reply = bot.handle({ text: q, history });
    history.push({ role: 'user', text: q }, { role: 'bot', text: reply.lead });
    return { text: reply.citations[0]?.text ?? '', title: reply.citations[0]?.articleTitle ?? '', kind: reply.kind };
  });
}

describe('a follow-up stays with the story the thread is about', () => {
  const recall = articleOf('kettle-recall', 'Dravo recalls 8,000 kettles', [
    'Dravo is recalling about 8,000 electric kettles because the handle can crack.',
    'The kettles were sold for between $25 and $35.',
    'No deaths have been reported.',
    'Replacements will be posted to owners within six weeks.',
  ]);
  const obituary = articleOf('tollan-obituary', 'Glacier scientist Mira Tollan dies', [
    'The glaciologist Mira Tollan has died aged 91.',
    'The institute she founded estimates melting ice costs the valley £2bn a year.',
    'The institute said after she died that it will name a prize after her.',
  ]);
  const bot = createBot([recall, obituary]);

  it('answers "how much did they cost?" and "has anyone died?" from the thread\'s story, not from another that has the word', () => {
    const replies = converse(bot, ['How many kettles is Dravo recalling?', 'how much did they cost?', 'has anyone died?']);
    expect(replies[0]!.text).toBe('Dravo is recalling about 8,000 electric kettles because the handle can crack.');
    expect(replies[1]!.text).toBe('The kettles were sold for between $25 and $35.');
    expect(replies[2]!.text).toBe('No deaths have been reported.');
  });

  it('moves to another story when the follow-up names someone or something only that story has', () => {
    const replies = converse(bot, ['How many kettles is Dravo recalling?', 'how old was Mira Tollan?', 'how many kettles?', 'how much does melting ice cost?']);
    expect(replies[1]!.text).toBe('The glaciologist Mira Tollan has died aged 91.');
    expect(replies[2]!.title).toBe('Dravo recalls 8,000 kettles');
    expect(replies[3]!.text).toBe('The institute she founded estimates melting ice costs the valley £2bn a year.');
  });

  it('asked first, without a thread, is answered as before', () => {
    expect(converse(bot, ['has anyone died?'])[0]!.text).toBe('The glaciologist Mira Tollan has died aged 91.');
  });

  it('reads "what happens next?" in the thread\'s story first, though another story\'s shares a word with the questions', () => {
    const replies = converse(bot, ['How many kettles is Dravo recalling?', 'has anyone died?', 'what happens next?']);
    expect(replies[2]).toMatchObject({ kind: 'list', text: 'Replacements will be posted to owners within six weeks.' });
  });
});

describe('a word of the question that names only one story', () => {
  const protest = articleOf('ostrell-march', 'Hundreds march in Ostrell over bus cuts', [
    'Hundreds of people marched through Ostrell on Saturday against cuts to bus services.',
    'One steward suffered a minor injury and was treated at the scene.',
    'The march ended outside the council offices.',
  ]);
  const rocket = articleOf('tessar-rocket', 'Tessar rocket explodes after lift-off', [
    'A Tessar rocket exploded seconds after lift-off on Friday.',
    'No one was hurt, but the blast damaged the launch pad.',
  ]);
  const bot = createBot([protest, rocket]);

  it('keeps the answer in that story though another has the question\'s other word', () => {
    expect(converse(bot, ['was anyone hurt at the march?'])[0]!.text).toBe('One steward suffered a minor injury and was treated at the scene.');
  });

  it('still answers from the other story when the question names it', () => {
    expect(converse(bot, ['was anyone hurt at the launch?'])[0]!.text).toBe('No one was hurt, but the blast damaged the launch pad.');
  });
});

describe('the thread as a chat platform shows it', () => {
  it('finds the story in a reply rendered with its sources after the sentence', () => {
    const recall = articleOf('lamp-recall', 'Orsen recalls 3,000 desk lamps', ['Orsen is recalling about 3,000 desk lamps because the switch can spark.', 'The lamps were sold for $18 each.']);
    const other = articleOf('canal-study', 'Canal repairs to cost £40m', ['Repairs to the Wexley canal will cost £40m, engineers said.']);
    const bot = createBot([recall, other]);
    const history: Turn[] = [
      { role: 'user', text: 'How many lamps is Orsen recalling?' },
      { role: 'bot', text: 'Orsen is recalling about *3,000* desk lamps because the switch can spark. [1]\n[1] Orsen recalls 3,000 desk lamps · lede · ¶1' },
    ];
    expect(bot.handle({ text: 'how much did they cost?', history }).citations[0]!.text).toBe('The lamps were sold for $18 each.');
  });
});

describe('a follow-up whose word the thread\'s story writes in another form', () => {
  const crash = articleOf('morrow-crash', 'Bus crash on the Morrow road injures 12', [
    'A bus left the Morrow road on Tuesday morning, injuring 12 passengers.',
    'The driver, Tom Vale, 44, was treated for minor cuts.',
    'Police said the road was icy.',
  ]);
  const fire = articleOf('ketter-fire', 'Fire destroys Ketter warehouse', [
    'A fire destroyed a furniture warehouse in Ketter overnight.',
    'Staff were driven home by colleagues after the alarm sounded.',
    'Firefighters from three stations attended.',
  ]);
  const bot = createBot([crash, fire]);

  it('answers "who was driving?" with the thread\'s driver, not another story\'s "driven home"', () => {
    const replies = converse(bot, ['How many passengers were injured in the bus crash?', 'who was driving?']);
    expect(replies[0]!.text).toBe('A bus left the Morrow road on Tuesday morning, injuring 12 passengers.');
    expect(replies[1]!.text).toBe('The driver, Tom Vale, 44, was treated for minor cuts.');
  });
});

describe('an elliptical follow-up with a verb of its own ("and how many were hurt?")', () => {
  const slide = articleOf('brenna-landslide', 'Landslide buries villages in the Brenna valley', [
    'A landslide buried two villages in the Brenna valley on Monday, killing at least 27 people and injuring more than 300, officials said.',
    'Rescuers from Tolve and Asker dug through the mud through the night.',
    'The regional governor, Ilse Vantor, declared a state of emergency.',
  ]);
  const bot = createBot([slide]);

  it('asks about the new verb, in the setting of the question before, and marks its figure', () => {
    const history: Turn[] = [];
    const marked: (string | null)[] = [];
    const understood: (string | undefined)[] = [];
    for (const q of ['how many people died in the Brenna landslide?', 'and how many were hurt?']) {
      const reply = bot.handle({ text: q, history });
      history.push({ role: 'user', text: q }, { role: 'bot', text: reply.lead });
      marked.push(spanText(reply.citations[0]));
      understood.push(reply.question);
    }
    expect(marked[0]).toContain('27');
    expect(understood[1]).toBe('how many were hurt in the Brenna landslide?');
    expect(marked[1]).toContain('300');
  });

  it('reads "and what did the governor do?" as a question of its own, not as a name put into the one before', () => {
    const history: Turn[] = [{ role: 'user', text: 'what did the officials say?' }, { role: 'bot', text: 'A landslide buried two villages.' }];
    expect(bot.handle({ text: 'and what did the governor do?', history }).question).toBe('what did the governor do?');
  });
});

describe('"and" before a whole question', () => {
  const bridge = articleOf('harlow-bridge', 'Harlow Bridge reopens after repairs', [
    'The Harlow Bridge reopened on Monday after eight months of repairs costing £4.2 million.',
    'The works were led by Mara Quill, 47, a structural engineer.',
    'Quill said the bridge would carry about 12,000 vehicles a day.',
  ]);
  const ferry = articleOf('denby-ferry', 'Denby ferry service cut to three sailings', [
    'The Denby ferry will run three sailings a day from June, down from five.',
    'The operator blamed rising fuel costs.',
  ]);
  const bot = createBot([bridge, ferry]);

  it('asks the question after "and" as it is, not inside the one before', () => {
    const replies = converse(bot, ['Who led the works on the Harlow Bridge?', 'and how old is she?', 'and how many vehicles will it carry?']);
    expect(replies[1]!.text).toBe('The works were led by Mara Quill, 47, a structural engineer.');
    expect(replies[2]!.text).toBe('Quill said the bridge would carry about 12,000 vehicles a day.');
  });

  it('is not held back by a question before it that was declined', () => {
    const replies = converse(bot, ['What did the harbourmaster say about the bridge?', 'and how much did the repairs cost?']);
    expect(replies[1]!.kind).toBe('answer');
    expect(replies[1]!.text).toBe('The Harlow Bridge reopened on Monday after eight months of repairs costing £4.2 million.');
  });
});

describe('a whole question after "and"', () => {
  it('is asked as it stands when the last answer holds none of its words, not appended to the previous question', () => {
    const article = articleOf('pellow-slide', 'Landslide buries Pellow homes', [
      'At least six people died when a landslide buried homes in Pellow on Sunday, the regional governor said.',
      'Rescuers said 11 people were still missing.',
    ]);
    const index = buildIndex([article]);
    const first = answerWithTrace(index, 'How many people died in the Pellow landslide?').reply;
    expect(first.citations[0]?.text).toMatch(/^At least six people died/);
    const history = [
      { role: 'user' as const, text: 'How many people died in the Pellow landslide?' },
      { role: 'bot' as const, text: first.lead },
    ];
    const { reply, trace } = answerWithTrace(index, 'and how many are missing?', history);
    expect(trace.query.text).toBe('how many are missing?');
    expect(reply.citations[0]?.text).toBe('Rescuers said 11 people were still missing.');
  });
});
