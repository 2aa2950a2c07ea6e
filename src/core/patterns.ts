/**
 * Patterns that both the ingester (`extract.ts`) and the answerer read. They live apart from
 * `extract.ts` so that answering questions does not load compromise, the part-of-speech
 * tagger only ingestion needs: importing it takes a few hundred milliseconds of every start.
 */

/** The opening of an interviewer's question and of the answer in an interview printed as Q and A. */
export const INTERVIEW_QUESTION = /^Q\s*[:.]\s/;
export const INTERVIEW_ANSWER = /^A\s*[:.]\s+/;

// An amount keeps its currency when the currency is a word after it ("8 billion naira").
export const CURRENCY_WORDS = 'dollars|euros|pounds|pence|cents|yen|yuan|renminbi|rupees|naira|rand|francs|pesos|shillings|cedis|dirhams|riyals|rubles|roubles|lira|kronor|kroner|krona|zloty|ringgit|baht|dinars';
