/**
 * Ours, in-process, SQLite with `synchronous: 'normal'`: the same store without an fsync per commit (turns
 * survive a killed process, not a power cut). Shows how much of the SQLite contender's time is the disk.
 */
import type { Contender, ContenderContext } from '../harness/contender.js';
import { createSqliteContender } from './agent-core-sqlite.js';

export function createContender(context: ContenderContext): Promise<Contender> {
  return createSqliteContender(context, 'normal');
}
