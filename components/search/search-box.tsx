'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import { api } from '@/lib/api/contract';
import { callApi } from '@/lib/api/client';
import type { Suggestion } from '@/lib/search/suggest';

const KIND_LABEL: Record<Suggestion['kind'], string> = {
  person: 'Person',
  tag: 'Tag',
  article: 'Article',
};

/** Asks for suggestions once typing pauses; the latest answer wins. */
function useSuggestions(text: string): Suggestion[] {
  const [suggestions, setSuggestions] = useState<Suggestion[]>([]);
  useEffect(() => {
    const q = text.trim();
    let current = true;
    const timer = setTimeout(async () => {
      if (!q) return setSuggestions([]);
      const answer = await callApi(api.searchSuggestions, { params: { q } });
      if (current) setSuggestions(answer.ok ? answer.value.suggestions : []);
    }, 150);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [text]);
  return suggestions;
}

/** The listbox's state: open or not, which option is active, and the keys that move it. */
function useListbox(suggestions: Suggestion[], go: (suggestion: Suggestion) => void) {
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const expanded = open && suggestions.length > 0;
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const count = suggestions.length;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setOpen(true);
      if (count === 0) return;
      setActive((index) =>
        event.key === 'ArrowDown' ? (index + 1) % count : index <= 0 ? count - 1 : index - 1,
      );
    } else if (event.key === 'Escape') {
      setOpen(false);
      setActive(-1);
    } else if (event.key === 'Enter' && expanded && suggestions[active]) {
      event.preventDefault();
      setOpen(false);
      go(suggestions[active]);
    }
  };
  return { expanded, active, setOpen, setActive, onKeyDown };
}

/**
 * The header's search box: a plain GET form to /search (works without JavaScript), and with it a
 * combobox whose listbox suggests people, tags and articles; arrows move, Enter opens, Escape
 * closes.
 */
export function SearchBox() {
  const router = useRouter();
  const listId = useId();
  const [text, setText] = useState('');
  const suggestions = useSuggestions(text);
  const go = (suggestion: Suggestion) => router.push(suggestion.href);
  const { expanded, active, setOpen, setActive, onKeyDown } = useListbox(suggestions, go);
  const optionId = (index: number) => `${listId}-option-${index}`;
  return (
    <form role="search" action="/search" method="get" className="relative min-w-0 max-w-xs flex-1">
      <input
        type="search"
        name="q"
        role="combobox"
        aria-label="Search"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={expanded && active >= 0 ? optionId(active) : undefined}
        autoComplete="off"
        placeholder="Search"
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          setOpen(true);
          setActive(-1);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        className="w-full rounded-lg border border-line bg-page px-3 py-1.5 text-sm text-ink placeholder:text-muted focus:border-accent focus:outline-none focus:ring-2 focus:ring-accent/40"
      />
      <ul
        id={listId}
        role="listbox"
        aria-label="Suggestions"
        hidden={!expanded}
        className="absolute left-0 right-0 top-full z-30 mt-1 max-h-96 overflow-auto rounded-lg border border-line bg-surface py-1 shadow-lg"
      >
        {suggestions.map((suggestion, index) => (
          <li
            key={`${suggestion.kind}:${suggestion.href}`}
            id={optionId(index)}
            role="option"
            aria-selected={index === active}
            onMouseDown={(event) => {
              event.preventDefault();
              setOpen(false);
              go(suggestion);
            }}
            className={`cursor-pointer px-3 py-1.5 text-sm ${index === active ? 'bg-accent text-accent-ink' : ''}`}
          >
            <span className="block font-medium">{suggestion.label}</span>
            <span className={`block text-xs ${index === active ? '' : 'text-muted'}`}>
              {KIND_LABEL[suggestion.kind]} · {suggestion.detail}
            </span>
          </li>
        ))}
      </ul>
    </form>
  );
}
