export function SiteFooter() {
  return (
    <footer className="mt-16 border-t border-line">
      <div className="mx-auto flex max-w-5xl flex-col gap-2 px-4 py-8 text-sm text-muted sm:flex-row sm:justify-between">
        <p>Inkwell: write, publish, and follow your friends.</p>
        <p>
          <a href="/status" className="underline">
            Service status
          </a>
        </p>
      </div>
    </footer>
  );
}
