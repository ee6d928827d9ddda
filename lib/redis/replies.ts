import type { RedisReply } from './types';

export interface ScoredMember {
  member: string;
  score: number;
}

/** How replies are read: Redis answers in strings, numbers and flat arrays. */
export const asNumber = (reply: RedisReply): number => Number(reply ?? 0);
export const asString = (reply: RedisReply): string | null =>
  reply === null ? null : String(reply);
export const asStrings = (reply: RedisReply): string[] =>
  Array.isArray(reply) ? reply.map((item) => String(item)) : [];
export const asBoolean = (reply: RedisReply): boolean => Number(reply) === 1;
export const asOk = (reply: RedisReply): boolean => reply === 'OK';
export const asHash = (reply: RedisReply): Record<string, string> => {
  const flat = asStrings(reply);
  const hash: Record<string, string> = {};
  for (let index = 0; index + 1 < flat.length; index += 2) {
    hash[flat[index] as string] = flat[index + 1] as string;
  }
  return hash;
};
export const asScored = (reply: RedisReply): ScoredMember[] => {
  const flat = asStrings(reply);
  const members: ScoredMember[] = [];
  for (let index = 0; index + 1 < flat.length; index += 2) {
    members.push({ member: flat[index] as string, score: Number(flat[index + 1]) });
  }
  return members;
};
