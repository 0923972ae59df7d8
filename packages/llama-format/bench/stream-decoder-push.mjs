// Cost of StreamDecoder.push per chunk, on the built package (run `npx tsup` first):
//   node bench/stream-decoder-push.mjs [--tokens 1000] [--seconds 3]
// Three streams: a plain text answer (the hot path), text with `<` and `<|` inside it (the holdback
// path), and a python-list tool call. Reports ns per push, garbage collection included.
import { parseArgs } from 'node:util';
import { createStreamDecoder } from '../dist/index.js';

const { values } = parseArgs({
  options: { tokens: { type: 'string', default: '1000' }, seconds: { type: 'string', default: '3' } },
});
const tokens = Number(values.tokens);
const seconds = Number(values.seconds);

const WORDS = [' The', ' quick', ' brown', ' fox', ' jumps', ' over', ' the', ' lazy', ' dog', ' near'];
const plain = Array.from({ length: tokens }, (_, i) => WORDS[i % WORDS.length] + (i % 10 === 9 ? ',' : ''));
plain.push('<|eot_id|>');
const angled = Array.from({ length: tokens }, (_, i) =>
  i % 7 === 3 ? ' a < b' : i % 11 === 5 ? ' <|' : i % 13 === 6 ? ' x<|eo' : WORDS[i % WORDS.length],
);
const toolCall = [
  '[',
  'get',
  '_weather',
  '(city',
  '="',
  ...Array.from({ length: tokens }, () => 'Par'),
  'is',
  '")]',
];

function run(name, chunks, options) {
  const once = () => {
    const decoder = createStreamDecoder(options);
    let deltas = 0;
    for (const chunk of chunks) deltas += decoder.push(chunk).length;
    return deltas;
  };
  for (let i = 0; i < 50; i++) once(); // warm-up
  let pushes = 0;
  const started = process.hrtime.bigint();
  const deadline = started + BigInt(seconds * 1e9);
  let now = started;
  let rounds = 0;
  while (now < deadline) {
    once();
    pushes += chunks.length;
    rounds++;
    if (rounds % 10 === 0) now = process.hrtime.bigint();
  }
  now = process.hrtime.bigint();
  const ns = Number(now - started) / pushes;
  process.stdout.write(`${name.padEnd(22)} ${ns.toFixed(0).padStart(6)} ns/push  (${pushes} pushes)
`);
}

run('plain text', plain, { tools: [] });
run('text with < and <|', angled, { tools: [] });
run('python-list tool call', toolCall, { tools: ['get_weather'], newCallId: () => 'id' });
