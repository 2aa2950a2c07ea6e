/**
 * Patterns that both the ingester (`extract.ts`) and the answerer read. They live apart from
 * `extract.ts` so that answering questions does not load compromise, the part-of-speech
 * tagger only ingestion needs: importing it takes a few hundred milliseconds of every start.
 */
import roleData from './lexicon/roles.json' with { type: 'json' };

/** Titles before a name, lower case without full stops, longest first. */
export const TITLES = [...new Set(roleData.titles.map((t) => t.toLowerCase().replace(/\./g, '')))].sort((a, b) => b.split(' ').length - a.split(' ').length);
/** Words that name what a person does: jobs, relatives, one-word titles and team positions. */
export const JOB_WORDS: ReadonlySet<string> = new Set([...roleData.jobs, ...roleData.kin, ...TITLES.filter((t) => !t.includes(' ')), ...roleData.teamPositions.filter((t) => !t.includes(' '))]);

/** The opening of an interviewer's question and of the answer in an interview printed as Q and A. */
export const INTERVIEW_QUESTION = /^Q\s*[:.]\s/;
export const INTERVIEW_ANSWER = /^A\s*[:.]\s+/;

// An amount keeps its currency when the currency is a word after it ("8 billion naira").
export const CURRENCY_WORDS = 'dollars|euros|pounds|pence|cents|yen|yuan|renminbi|rupees|naira|rand|francs|pesos|shillings|cedis|dirhams|riyals|rubles|roubles|lira|kronor|kroner|krona|zloty|ringgit|baht|dinars';
