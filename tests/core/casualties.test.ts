import { describe, expect, it } from 'vitest';
import { answerWithTrace, buildIndex } from '../../src/core/index.ts';
import { articleOf } from '../helpers.ts';

describe('casualties', () => {
  const crash = articleOf('quarry-blast', 'Blast at Tervo quarry', [
    'An explosion tore through the Tervo limestone quarry on Monday morning, the regional police said.',
    'Eleven workers were killed or injured in the blast, according to the operator, Hallam Stone.',
    'Three of the injured were flown to hospital in Marrick.',
  ]);

  it('are those killed or injured: "How many casualties …" is answered, not declined for an unknown word', () => {
    const { reply, trace } = answerWithTrace(buildIndex([crash]), 'How many casualties were there in the blast?');
    expect(trace.declined).toBe(false);
    expect(reply.citations[0]?.text).toMatch(/Eleven workers were killed or injured/);
  });

  it('do not make the injured the killed: "How many were killed?" finds the dead, not the injured', () => {
    const mine = articleOf('mine-fire', 'Fire at Orsk mine', [
      'A fire broke out in the Orsk copper mine on Friday night, the mine operator said.',
      'Nine miners were injured in the fire and taken to hospital in Velden.',
      'Two miners were killed when a tunnel collapsed, the operator said.',
    ]);
    const { reply } = answerWithTrace(buildIndex([mine]), 'How many miners were killed?');
    expect(reply.citations[0]?.text).toMatch(/Two miners were killed/);
  });
});
