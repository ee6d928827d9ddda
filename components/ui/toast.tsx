'use client';

import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';

type Tone = 'success' | 'error';
interface Toast {
  id: number;
  message: string;
  tone: Tone;
}

const ToastContext = createContext<(message: string, tone?: Tone) => void>(() => undefined);
const SHOWN_FOR_MS = 6_000;

/** Shows short messages about what just happened; `show(message, tone)`. */
export function useToast(): (message: string, tone?: Tone) => void {
  return useContext(ToastContext);
}

/**
 * Toasts live in one polite live region, so screen readers announce each without moving focus;
 * errors are announced assertively. Each goes away by itself or with its Dismiss button, and
 * stays while hovered or focused so nobody has to race it.
 */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const show = useCallback((message: string, tone: Tone = 'success') => {
    setToasts((current) => [
      ...current.slice(-2),
      { id: Date.now() + Math.random(), message, tone },
    ]);
  }, []);
  const dismiss = useCallback(
    (id: number) => setToasts((current) => current.filter((toast) => toast.id !== id)),
    [],
  );
  return (
    <ToastContext.Provider value={show}>
      {children}
      <section
        aria-label="Messages"
        className="pointer-events-none fixed inset-x-0 bottom-4 z-50 flex flex-col items-center gap-2 px-4 sm:items-end sm:px-6"
      >
        {toasts.map((toast) => (
          <ToastItem key={toast.id} toast={toast} onDismiss={dismiss} />
        ))}
      </section>
    </ToastContext.Provider>
  );
}

function ToastItem({ toast, onDismiss }: { toast: Toast; onDismiss: (id: number) => void }) {
  const [paused, setPaused] = useState(false);
  useEffect(() => {
    if (paused) return;
    const timer = setTimeout(() => onDismiss(toast.id), SHOWN_FOR_MS);
    return () => clearTimeout(timer);
  }, [paused, toast.id, onDismiss]);
  return (
    <div
      role={toast.tone === 'error' ? 'alert' : 'status'}
      onMouseEnter={() => setPaused(true)}
      onMouseLeave={() => setPaused(false)}
      onFocus={() => setPaused(true)}
      onBlur={() => setPaused(false)}
      className={`pointer-events-auto flex w-full max-w-sm items-start gap-3 rounded-xl border bg-surface px-4 py-3 text-sm shadow-lg ${
        toast.tone === 'error' ? 'border-danger' : 'border-line'
      }`}
    >
      <span aria-hidden="true" className={toast.tone === 'error' ? 'text-danger' : 'text-accent'}>
        {toast.tone === 'error' ? '!' : '✓'}
      </span>
      <p className="flex-1 text-ink">{toast.message}</p>
      <button
        type="button"
        onClick={() => onDismiss(toast.id)}
        className="rounded px-1 text-muted hover:text-ink"
      >
        Dismiss
      </button>
    </div>
  );
}
