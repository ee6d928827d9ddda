import { ensureTestServices } from '@/scripts/lib/test-services';

export default function globalSetup(): Promise<() => Promise<void>> {
  return ensureTestServices('vitest');
}
