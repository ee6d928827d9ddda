import type { Metadata, Viewport } from 'next';
import { headers } from 'next/headers';
import type { ReactNode } from 'react';
import { signOutAction } from '@/lib/auth/actions';
import { CostPanel } from '@/components/debug/cost-panel';
import { NavigationProgress } from '@/components/navigation-progress';
import { SiteFooter } from '@/components/site-footer';
import { SiteHeader } from '@/components/site-header';
import { ThemeScript } from '@/components/theme-script';
import { ToastProvider } from '@/components/ui/toast';
import { env } from '@/lib/config/env';
import { preventPageCache } from '@/lib/request/context';
import { getViewer } from '@/lib/auth/get-viewer';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Inkwell', template: '%s · Inkwell' },
  description:
    'Inkwell is a social blogging platform: write articles, publish them, and follow your friends.',
};

export const viewport: Viewport = {
  themeColor: [
    { media: '(prefers-color-scheme: light)', color: '#fbfaf7' },
    { media: '(prefers-color-scheme: dark)', color: '#121212' },
  ],
};

/** The cost panel: for signed-in people who turned it on, or everyone in development / DEBUG_PANEL=1. */
async function showCostPanel(): Promise<boolean> {
  // Reading the session first makes every page dynamic (never prerendered without an environment).
  const viewer = await getViewer();
  if (process.env.NODE_ENV === 'development' || env().DEBUG_PANEL) return true;
  return viewer.status === 'signed-in' && viewer.user.debugPanel;
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  const costPanel = await showCostPanel();
  // The panel shows this request's own cost.
  if (costPanel) preventPageCache('cost panel');
  const nonce = (await headers()).get('x-nonce') ?? undefined;
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        <ThemeScript nonce={nonce} />
      </head>
      <body className="flex min-h-dvh flex-col bg-page text-ink antialiased">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-4 focus:z-50 focus:rounded focus:bg-surface focus:px-4 focus:py-2"
        >
          Skip to content
        </a>
        <NavigationProgress />
        <ToastProvider>
          <SiteHeader signOut={signOutAction} />
          <main id="main" className="mx-auto w-full max-w-5xl flex-1 px-4 py-8">
            {children}
          </main>
          <SiteFooter />
          {costPanel ? <CostPanel /> : null}
        </ToastProvider>
      </body>
    </html>
  );
}
