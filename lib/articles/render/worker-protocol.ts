import type { PipelineOutcome } from './pipeline';

export interface WorkerRequest {
  id: number;
  markdown: string;
}

export type WorkerReply =
  { ready: true } | { id: number; outcome: PipelineOutcome; detail?: string; ready?: undefined };
