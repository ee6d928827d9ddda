/** An event as the in-process executor dispatches it (ids and timestamps filled in). */
export interface DispatchedEvent {
  id: string;
  name: string;
  data: Record<string, unknown>;
  ts: number;
}
