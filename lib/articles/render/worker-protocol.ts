import type { PipelineOutcome, RenderProfile } from './pipeline';

export interface WorkerRequest {
  id: number;
  markdown: string;
  profile: RenderProfile;
}

export type WorkerReply =
  { ready: true } | { id: number; outcome: PipelineOutcome; detail?: string; ready?: undefined };
