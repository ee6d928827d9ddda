/**
 * The layers, checked by `npm run lint:deps` (part of `npm run lint` and `npm test`).
 * docs/architecture.md draws the same map.
 */
const TESTS = '\\.(test|int\\.test|spec)\\.tsx?$';

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
