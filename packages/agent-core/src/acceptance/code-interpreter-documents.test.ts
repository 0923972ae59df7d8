import { CodeInterpreterProvider } from '@llama-stack-ts/tools-builtin';
import { afterAll, describe, expect, it } from 'vitest';
import { drain, textReply, user } from '../testing/index.js';
import { startAgent } from './agent-fixture.js';

/** The real sandbox, or why it cannot run here (bubblewrap and Debian's python3 are needed). */
const interpreter = new CodeInterpreterProvider();
const unavailable = await interpreter.check().then(
  () => undefined,
  (error: unknown) => (error instanceof Error ? error.message : String(error)),
);
if (unavailable) {
  const message = `end-to-end code interpreter test needs the sandbox: ${unavailable} (apt-get install bubblewrap python3)`;
  if (process.env.REQUIRE_SYSTEM_DEPS === '1') throw new Error(message);
  console.warn(`Skipping ${message}`);
}

afterAll(() => interpreter.dispose());

describe.skipIf(unavailable !== undefined)('a turn document read by the real code interpreter', () => {
  it('the code the model writes opens the file the notice names and sums its column', async () => {
    let noticedPath: string | undefined;
    const { runtime, agentId, sessionId } = await startAgent({
      tools: [interpreter],
      config: { toolgroups: ['builtin::code_interpreter'] },
      script: [
        (request) => {
          // The model reads the path from the notice, as a Llama model would.
          const notice = request.messages.find((m) => m.role === 'tool' && m.call_id === '');
          noticedPath = /"([^"]+)"/.exec(String(notice?.content))?.[1];
          const code = [
            'import csv',
            `with open(${JSON.stringify(noticedPath)}) as f:`,
            "    print(sum(float(row['amount']) for row in csv.DictReader(f)))",
          ].join('\n');
          return { toolCalls: [{ tool_name: 'code_interpreter', arguments: { code } }] };
        },
        textReply('The amounts add up to 60.5.'),
      ],
    });
    const { turn } = await drain(
      runtime.createTurn(agentId, sessionId, {
        messages: [user('What is the total amount?')],
        documents: [{ content: 'item,amount\ntea,10.5\ncake,20\nbread,30\n', mime_type: 'text/csv' }],
      }),
    );
    expect(noticedPath).toBe('/work/attachment-1.csv');
    const toolStep = turn.steps.find((step) => step.step_type === 'tool_execution');
    expect(toolStep?.step_type === 'tool_execution' && toolStep.tool_responses[0]?.content).toBe(
      'completed\n[stdout]60.5[/stdout]',
    );
  });
});
