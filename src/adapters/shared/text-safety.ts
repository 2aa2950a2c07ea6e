/**
 * Text safety shared by every renderer. Article text is quoted verbatim, and a user's question
 * is echoed back; either may carry Unicode's bidirectional embedding, override and isolate
 * controls, which reorder what the reader sees: a citation, a link label or a question could be
 * made to read as something else. They are invisible and carry no meaning of their own in
 * English news text, so every renderer drops them. (Left-to-right and right-to-left marks,
 * which only nudge neutral characters, stay.)
 */
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/g;

/** The text without bidirectional embedding, override and isolate controls. */
export function stripBidiControls(text: string): string {
  return text.replace(BIDI_CONTROLS, '');
}
