/**
 * A small checker of JSON-LD against the schema.org types Inkwell uses (there is no network here
 * for the official validator). For each type: the properties schema.org defines on it or its
 * ancestors that we may use, what kind of value each takes, and which we require (Google's
 * required properties for these rich results, plus what our pages must always say). Anything else
 * (an unknown type, a misspelt or misplaced property, a wrong kind of value) is reported.
 *
 * Sources: schema.org/Thing, /CreativeWork, /Article, /Person, /ItemList, /BreadcrumbList,
 * /ListItem (schema.org 29), as of writing this checker.
 */
type ValueKind = 'Text' | 'URL' | 'DateTime' | 'Integer' | `Thing:${string}`;

interface TypeRule {
  properties: Record<string, ValueKind[]>;
  required: string[];
}

// Thing's properties are on every type.
const THING: Record<string, ValueKind[]> = {
  name: ['Text'],
  alternateName: ['Text'],
  description: ['Text'],
  url: ['URL'],
  image: ['URL'],
  sameAs: ['URL'],
  identifier: ['Text', 'URL'],
  mainEntityOfPage: ['URL', 'Thing:CreativeWork'],
};

const CREATIVE_WORK: Record<string, ValueKind[]> = {
  ...THING,
  headline: ['Text'],
  author: ['Thing:Person'],
  datePublished: ['DateTime'],
  dateModified: ['DateTime'],
  keywords: ['Text'],
  inLanguage: ['Text'],
};

export const SCHEMA_ORG_TYPES: Record<string, TypeRule> = {
  Article: {
    properties: { ...CREATIVE_WORK, articleBody: ['Text'], wordCount: ['Integer'] },
    required: ['headline', 'author', 'datePublished', 'url'],
  },
  Person: {
    properties: { ...THING, givenName: ['Text'], familyName: ['Text'] },
    required: ['name', 'url'],
  },
  BreadcrumbList: {
    properties: {
      ...THING,
      itemListElement: ['Thing:ListItem'],
      numberOfItems: ['Integer'],
    },
    required: ['itemListElement'],
  },
  ListItem: {
    properties: { ...THING, position: ['Integer'], item: ['URL', 'Thing:Thing'] },
    required: ['position', 'name', 'item'],
  },
};

// CreativeWork and Thing stand for any of their subtypes we know.
const SUBTYPES: Record<string, string[]> = {
  Thing: Object.keys(SCHEMA_ORG_TYPES),
  CreativeWork: ['Article'],
  Person: ['Person'],
  ListItem: ['ListItem'],
};

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function matchesKind(value: unknown, kind: ValueKind, path: string, errors: string[]): boolean {
  switch (kind) {
    case 'Text':
      return typeof value === 'string' && value.length > 0;
    case 'URL':
      if (typeof value !== 'string') return false;
      try {
        return ['http:', 'https:'].includes(new URL(value).protocol);
      } catch {
        return false;
      }
    case 'DateTime':
      return (
        typeof value === 'string' && ISO_DATE_TIME.test(value) && !Number.isNaN(Date.parse(value))
      );
    case 'Integer':
      return typeof value === 'number' && Number.isInteger(value);
    default: {
      const wanted = SUBTYPES[kind.slice('Thing:'.length)] ?? [];
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
      const type = (value as Record<string, unknown>)['@type'];
      if (typeof type !== 'string' || !wanted.includes(type)) return false;
      checkThing(value as Record<string, unknown>, path, errors, false);
      return true;
    }
  }
}

function checkThing(
  thing: Record<string, unknown>,
  path: string,
  errors: string[],
  topLevel: boolean,
): void {
  const type = thing['@type'];
  const rule = typeof type === 'string' ? SCHEMA_ORG_TYPES[type] : undefined;
  if (!rule) {
    errors.push(`${path}: unknown @type ${JSON.stringify(type)}`);
    return;
  }
  if (topLevel && thing['@context'] !== 'https://schema.org')
    errors.push(`${path}: @context must be https://schema.org`);
  for (const required of rule.required) {
    if (thing[required] === undefined) errors.push(`${path} (${type}): ${required} is required`);
  }
  for (const [property, value] of Object.entries(thing)) {
    if (property === '@type' || property === '@context') continue;
    const kinds = rule.properties[property];
    if (!kinds) {
      errors.push(`${path} (${type}): ${property} is not a property of ${type}`);
      continue;
    }
    const values = Array.isArray(value) ? value : [value];
    values.forEach((one, index) => {
      const at = `${path}.${property}${Array.isArray(value) ? `[${index}]` : ''}`;
      if (!kinds.some((kind) => matchesKind(one, kind, at, errors)))
        errors.push(`${at}: expected ${kinds.join(' or ')}, got ${JSON.stringify(one)}`);
    });
  }
  if (type === 'BreadcrumbList' && Array.isArray(thing.itemListElement)) {
    const positions = (thing.itemListElement as { position?: unknown }[]).map(
      (item) => item.position,
    );
    if (positions.some((position, index) => position !== index + 1))
      errors.push(`${path}: ListItem positions must be 1, 2, 3… in order`);
  }
}

/** Every problem found in a JSON-LD document (one object or a list of them); [] when valid. */
export function schemaOrgErrors(document: unknown): string[] {
  const errors: string[] = [];
  const things = Array.isArray(document) ? document : [document];
  things.forEach((thing, index) => {
    if (typeof thing !== 'object' || thing === null) errors.push(`[${index}]: not an object`);
    else checkThing(thing as Record<string, unknown>, `[${index}]`, errors, true);
  });
  return errors;
}
