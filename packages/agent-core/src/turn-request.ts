import {
  AgentToolGroup,
  ToolConfig,
  ToolResponse,
  TurnDocument,
  TurnInputMessage,
} from '@llama-stack-ts/api-types';
import { z } from 'zod';

/** What `createTurn` takes: the wire CreateTurnRequest without `stream` (streaming is how it is read). */
export const TurnRequest = z.object({
  messages: z.array(TurnInputMessage).min(1),
  documents: z.array(TurnDocument).optional(),
  toolgroups: z.array(AgentToolGroup).optional(),
  tool_config: ToolConfig.optional(),
});
export type TurnRequest = z.infer<typeof TurnRequest>;
export type TurnRequestInput = z.input<typeof TurnRequest>;

/** What `resumeTurn` takes: the client's results for the calls the turn waits for. */
export const ResumeRequest = z.object({
  tool_responses: z.array(ToolResponse).min(1),
});
export type ResumeRequest = z.infer<typeof ResumeRequest>;
export type ResumeRequestInput = z.input<typeof ResumeRequest>;
