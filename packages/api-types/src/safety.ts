import { z } from 'zod';
import { JsonObject } from './json.js';
import { Message } from './messages.js';

export const ViolationLevel = z.enum(['info', 'warn', 'error']);
export type ViolationLevel = z.infer<typeof ViolationLevel>;

export const SafetyViolation = z.object({
  violation_level: ViolationLevel,
  user_message: z.string().optional(),
  metadata: JsonObject.default({}),
});
export type SafetyViolation = z.infer<typeof SafetyViolation>;

export const Shield = z.object({
  identifier: z.string(),
  provider_resource_id: z.string().optional(),
  provider_id: z.string(),
  type: z.literal('shield').default('shield'),
  params: JsonObject.optional(),
});
export type Shield = z.infer<typeof Shield>;

export const RunShieldRequest = z.object({
  shield_id: z.string().min(1),
  messages: z.array(Message).min(1),
  params: JsonObject.default({}),
});
export type RunShieldRequest = z.infer<typeof RunShieldRequest>;

export const RunShieldResponse = z.object({
  violation: SafetyViolation.nullish(),
});
export type RunShieldResponse = z.infer<typeof RunShieldResponse>;
