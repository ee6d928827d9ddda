/**
 * The layers, checked by `npm run lint:deps` (part of `npm run lint` and `npm test`).
 * docs/architecture.md draws the same map.
 */
const TESTS = '\\.(test|int\\.test|spec)\\.tsx?$';

/**
 * The lib/ folders below the domains, bottom first. A folder imports, within lib/, only from its
 * own layer and those below it (and no folder cycles, within a layer either).
 */
const FOUNDATION = [
  ['util', 'validation'],
  ['config', 'request'],
  ['log', 'observability'],
  ['redis', 'db'],
  ['cache', 'rate-limit', 'health', 'jobs'],
  ['mail'],
];

const foundationRules = FOUNDATION.map((layer, index) => {
  const allowed = FOUNDATION.slice(0, index + 1).flat();
  return {
    name: `foundation-${layer.join('-')}`,
    severity: 'error',
    comment: `lib/{${layer.join(',')}} import from lib/ only lib/{${allowed.join(',')}}.`,
    from: { path: `^lib/(${layer.join('|')})/` },
    to: { path: '^lib/', pathNot: `^lib/(${allowed.join('|')})/` },
  };
});

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Files never import each other in a circle.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-circular-folders',
      severity: 'error',
      comment: 'Folders form a graph with a direction: no two folders reach each other.',
      scope: 'folder',
      from: { path: '^lib/' },
      to: { circular: true },
    },
    {
      name: 'lib-not-upward',
      severity: 'error',
      comment: 'lib/ is below the app, its components and its jobs.',
      from: { path: '^lib/' },
      to: { path: '^(app|components|jobs)/' },
    },
    ...foundationRules,
    {
      name: 'top-of-lib',
      severity: 'error',
      comment:
        'The server and the page cache sit on top of lib/: only the server uses the page cache; nothing in lib/ uses the server, the demo data or the test harness.',
      from: { path: '^lib/([^/]+)/', pathNot: '^lib/server/' },
      to: { path: '^lib/(server|page-cache|demo|testing)/', pathNot: '^lib/$1/' },
    },
    {
      name: 'components-not-app',
      severity: 'error',
      comment: 'Components are below the pages, actions and routes that use them.',
      from: { path: '^components/' },
      to: { path: '^app/' },
    },
    {
      name: 'pages-take-helpers-from-lib',
      severity: 'error',
      comment: 'A component file exports components; helpers live in lib/.',
      from: { path: '^app/' },
      to: { path: '^components/.*\\.ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Tests sit beside what they test but are no layer: they may reach anything.
    exclude: {
      path: ['^(node_modules|\\.next|\\.build|test-results|playwright-report)/', TESTS],
    },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'],
    },
  },
};
