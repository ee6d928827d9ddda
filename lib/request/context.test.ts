import { describe, expect, it } from 'vitest';
import {
  countViewOnPageHit,
  createRequestContext,
  newPageCapture,
  currentClient,
  currentRequestContext,
  noteViewer,
  preventPageCache,
  runOutsideRequest,
  runWithRequestContext,
  type RequestContext,
} from './context';

function capturing(): RequestContext {
  const context = createRequestContext('page', { ip: '203.0.113.7', userAgent: 'test' });
  context.pageCapture = newPageCapture();
  return context;
}

describe('the request context', () => {
  it('is the request’s across awaits, and no one’s in work run outside it', async () => {
    const context = createRequestContext('first', { ip: '203.0.113.7', userAgent: 'test' });
    await runWithRequestContext(context, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      expect(currentRequestContext()?.requestId).toBe('first');
      expect(currentClient().ip).toBe('203.0.113.7');
      runOutsideRequest(() => expect(currentRequestContext()).toBeUndefined());
    });
    expect(currentClient()).toEqual({ ip: 'unknown', userAgent: '' });
  });

  it('keeps what a page notes for the page cache: the first refusal, the view, the viewer', () => {
    const context = capturing();
    runWithRequestContext(context, () => {
      countViewOnPageHit('article-1');
      noteViewer('user-1');
      noteViewer('user-1');
      preventPageCache('cost panel');
      preventPageCache('later reason');
    });
    expect(context.pageCapture).toMatchObject({
      countViewOf: 'article-1',
      viewer: 'user-1',
      refused: 'cost panel',
    });
  });

  it('refuses a page whose render saw two viewers', () => {
    const context = capturing();
    runWithRequestContext(context, () => {
      noteViewer(null);
      noteViewer('user-1');
    });
    expect(context.pageCapture?.refused).toBe('viewer changed');
  });

  it('notes nothing when the response is not captured', () => {
    const context = createRequestContext('plain');
    runWithRequestContext(context, () => {
      preventPageCache('cost panel');
      countViewOnPageHit('article-1');
      noteViewer('user-1');
    });
    expect(context.pageCapture).toBeUndefined();
  });
});
