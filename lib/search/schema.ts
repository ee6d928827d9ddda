/**
 * The search engine's three real-time indexes, declared once: the embedded Sphinx 2.2 reads them
 * from its config file (it has no CREATE TABLE), a production Manticore gets them from
 * `CREATE TABLE IF NOT EXISTS` (scripts/migrate.ts). Both speak SphinxQL over the MySQL protocol.
 */
export const SEARCH_INDEXES = {
  articles: {
    fields: ['title', 'tags', 'body'],
    attributes: {
      article_id: 'string',
      author_key: 'bigint',
      /** 0: everyone (public), 1: the author's friends. Drafts and unlisted are never indexed. */
      audience: 'uint',
      published: 'timestamp',
      tag_keys: 'multi64',
      tag_list: 'string',
      /** The body as plain text, for SNIPPET() (the engine keeps no field text). */
      body_text: 'string',
    },
  },
  people: {
    fields: ['username', 'display_name'],
    attributes: { user_id: 'string' },
  },
  tags: {
    fields: ['tag'],
    attributes: { tag_name: 'string', article_count: 'uint' },
  },
} as const;

export type SearchIndexName = keyof typeof SEARCH_INDEXES;

type AttributeType = 'string' | 'bigint' | 'uint' | 'timestamp' | 'multi64';

/** Prefix search (as-you-type) works on every word; `dict = keywords` expands prefixes at query time. */
const TEXT_SETTINGS = ['dict = keywords', 'min_prefix_len = 1', 'html_strip = 0'];

const SPHINX_ATTRIBUTE: Record<AttributeType, string> = {
  string: 'rt_attr_string',
  bigint: 'rt_attr_bigint',
  uint: 'rt_attr_uint',
  timestamp: 'rt_attr_timestamp',
  multi64: 'rt_attr_multi_64',
};

const MANTICORE_ATTRIBUTE: Record<AttributeType, string> = {
  string: 'string',
  bigint: 'bigint',
  uint: 'integer',
  timestamp: 'timestamp',
  multi64: 'multi64',
};

/** The `index … {}` blocks of a Sphinx 2.2 config, their files under `dataDir`. */
export function sphinxIndexConfig(dataDir: string): string {
  return Object.entries(SEARCH_INDEXES)
    .map(([name, index]) => {
      const lines = [
        'type = rt',
        `path = ${dataDir}/${name}`,
        ...index.fields.map((field) => `rt_field = ${field}`),
        ...Object.entries(index.attributes).map(
          ([attribute, type]) => `${SPHINX_ATTRIBUTE[type]} = ${attribute}`,
        ),
        ...TEXT_SETTINGS,
      ];
      return `index ${name}\n{\n${lines.map((line) => `  ${line}`).join('\n')}\n}\n`;
    })
    .join('\n');
}

/** The same indexes as Manticore tables (real-time mode). */
export function manticoreCreateTables(): string[] {
  return Object.entries(SEARCH_INDEXES).map(([name, index]) => {
    const columns = [
      ...index.fields.map((field) => `${field} text`),
      ...Object.entries(index.attributes).map(
        ([attribute, type]) => `${attribute} ${MANTICORE_ATTRIBUTE[type]}`,
      ),
    ];
    return `CREATE TABLE IF NOT EXISTS ${name} (${columns.join(', ')}) dict='keywords' min_prefix_len='1'`;
  });
}
