// The house rules as code (ARCHITECTURE.md, "Rules"), checked by `npm run depcheck` in .ci/run.
// dependency-cruiser resolves TypeScript imports (tsconfig paths included) and fails on any `error` below.
// Violations that exist today and could not yet be removed are listed one by one in KNOWN_VIOLATIONS at the
// end of this file, each with the reason and the issue that removes it; a new violation of any rule fails CI.

/** Production code: everything except specs, integration suites, benchmarks and spec helpers. */
const TEST_CODE = '(\\.spec|\\.test)\\.ts$|(^|/)test/|\\.spec-helpers\\.ts$|\\.fixtures?\\.ts$';

/** The pure cores: decisions over plain values, no framework, no database, no clock. */
const PURE_CORES = '^src/(routing/router|pricing/normalize-price|catalog/gpu-resolver)\\.ts$';

/** Framework, persistence and scheduling libraries the pure cores must not import. */
const FRAMEWORK = '(^|/)node_modules/(@nestjs|typeorm|pg|@electric-sql|cron)(/|$)|^(@nestjs/[^/]+|typeorm|pg|cron)$';

/**
 * What a simulator is, by file name (ARCHITECTURE.md, "Adapter folders"): an upstream stand-in
 * (`<upstream>.simulator.ts`), its parts and world (`<network>.sim-<part>.ts`), or anything in a `simulators/` folder.
 */
const SIMULATORS = '\\.(simulator|sim-[a-z0-9-]+)\\.ts$|/simulators?/';

/**
 * The top-level folders of src/, lowest layer first. A folder imports only folders BELOW it, so there can be no
 * cycle between folders (the rule the issue asks for, in a form that names the offending import). The files at
 * src/ itself (main.ts, app.module.ts, app.factory.ts) are the composition root and may import any folder.
 */
const LAYERS = [
  'common', // problems, logging, request context, zod body pipe
  'config', // the environment, parsed once
  'database', // data source, embedded PostgreSQL, row helpers
  'coordination', // change feed, leader lock, in-flight work (several replicas)
  'plugins', // the network registry and plugin loader (adapters behind the SDK)
  'catalog', // GPU models, labels, the GPU resolver
  'accounts', // identity and access: accounts, API keys, scopes, rate limits
  'billing', // the money: ledger, holds (the budget rule), usage accrual and settlement, deposits
  'pricing', // FX, price normalisation, hyperscaler references, the price APIs (the market view through PRICE_MARKET)
  'health', // network health, breakers, metrics, placement records (the pool through LIVE_OFFERS)
  'pool', // the offer pool: sync, index, views (offers with health, the placement outlook, the market view)
  'routing', // the router and quotes
  'nodes', // native nodes: registry, challenges, leases, market
  'jobs', // intake, dispatch, reconciliation
  'agent', // the node agent (its own process; speaks nodes/protocol)
  'simulation', // simulated networks, demo agents, scenarios
];

const LAYER_RULES = LAYERS.slice(0, -1)
  .map((folder, index) => ({
    name: 'no-folder-cycles',
    comment:
      `src/${folder} sits below ${LAYERS.slice(index + 1).join(', ')} (LAYERS): it must not import them. ` +
      'A lower folder that needs a higher one gets an interface or an injection token it owns, bound by the higher module.',
    severity: 'error',
    // Command-line entry points (*.cli.ts) are composition roots, like main.ts: they may wire any folder.
    from: { path: `^src/${folder}/`, pathNot: [TEST_CODE, '\\.cli\\.ts$'] },
    to: { path: `^src/(${LAYERS.slice(index + 1).join('|')})/` },
  }))
  .concat([
    {
      name: 'folder-has-a-layer',
      comment: 'Every top-level folder of src/ that imports another has a place in LAYERS (add a new folder there).',
      severity: 'error',
      from: { path: '^src/([^/]+)/', pathNot: [`^src/(${LAYERS.join('|')})/`, TEST_CODE] },
      to: { path: '^src/[^/]+/', pathNot: '^src/$1/' },
    },
  ]);

/**
 * Known violations: imports that break a rule today, each listed exactly (file to file), never a blanket ignore.
 * They are reported as `ignore` instead of `error`; any other violation fails. Remove an entry when its import goes.
 * Empty since issue 24 ("the house"): keep it so. A lower folder that needs a higher one owns an interface and a token
 * the higher module binds (health/live-offers.ts, pricing/price-market.ts, health/demo-fleet.ts).
 */
const known = (rule, from, to) => ({ type: 'dependency', from, to, rule: { name: rule, severity: 'error' } });
const KNOWN_VIOLATIONS = [];

module.exports = {
  forbidden: [
    {
      name: 'adapter-imports-only-sdk',
      comment:
        'An adapter folder imports its own files, the adapter SDK (adapters/sdk, @switchyard/adapter-sdk) and libraries: ' +
        'never src/, another adapter, a plugin, tests or benchmarks. This keeps every adapter publishable as a plugin.',
      severity: 'error',
      from: { path: '^adapters/([^/]+)/', pathNot: '^adapters/sdk/' },
      to: { path: '^(src|adapters|plugins|test|bench|migrations)/', pathNot: ['^adapters/sdk/', '^adapters/$1/'] },
    },
    {
      name: 'plugin-imports-only-sdk',
      comment: 'An external plugin package (plugins/*) imports its own files, the adapter SDK and libraries, nothing else of this repository.',
      severity: 'error',
      from: { path: '^plugins/([^/]+)/' },
      to: { path: '^(src|adapters|plugins|test|bench|migrations)/', pathNot: ['^adapters/sdk/', '^plugins/$1/'] },
    },
    {
      name: 'sdk-imports-no-project-code',
      comment: 'The adapter SDK is a published package: it imports only itself and libraries.',
      severity: 'error',
      from: { path: '^adapters/sdk/' },
      to: { path: '^(src|adapters|plugins|test|bench|migrations)/', pathNot: '^adapters/sdk/' },
    },
    ...LAYER_RULES,
    {
      name: 'pure-core-no-framework',
      comment:
        'The router, the price normalizer and the GPU resolver import no Nest, TypeORM, database driver or scheduler ' +
        '(type-only imports are erased and allowed). Calls to Date.now()/new Date() are not imports: ESLint forbids ' +
        'them in these files (eslint.config.mjs).',
      severity: 'error',
      from: { path: PURE_CORES },
      to: { path: FRAMEWORK, dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'pure-core-reaches-no-framework',
      comment:
        'Nor do they reach one through project files they import: no services, modules, controllers, repositories, entities, database or coordination code.',
      severity: 'error',
      from: { path: PURE_CORES },
      to: { reachable: true, path: '^src/(database|coordination)/|\\.(service|module|controller|repository|entity)\\.ts$' },
    },
    {
      name: 'pure-core-imports-reach-no-framework',
      comment: 'The project files a pure core imports are themselves free of Nest, TypeORM and database drivers.',
      severity: 'error',
      from: {
        path: '^src/(routing/router|pricing/normalize-price|catalog/gpu-resolver|pool/offer-query|pool/pool-offer|pool/region|catalog/gpu-[a-z-]+)\\.ts$',
      },
      to: { path: FRAMEWORK, dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'pure-core-no-clock-or-timers',
      comment: 'The pure cores import no timer or clock module (node:timers, perf_hooks, the nodes clock).',
      severity: 'error',
      from: { path: PURE_CORES },
      to: { path: '^(timers|timers/promises|perf_hooks|node:timers|node:perf_hooks)$|\\.clock\\.ts$|/clock\\.ts$', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'simulators-only-through-simulation-wiring',
      comment:
        "Production code reaches a simulator only through the simulation wiring: src/simulation/, and each plugin's " +
        'entry point (adapters/<network>/index.ts, plugins/<name>/src/index.ts) that hands its simulator factory to ' +
        'the registry as `startSimulator`. Simulators may import each other; type-only imports are allowed.',
      severity: 'error',
      from: {
        pathNot: [TEST_CODE, SIMULATORS, '^src/simulation/', '^adapters/[^/]+/index\\.ts$', '^plugins/[^/]+/src/index\\.ts$', '^adapters/sdk/', '^bench/'],
      },
      to: { path: SIMULATORS, pathNot: '^adapters/sdk/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'nodes-sql-only-in-repositories',
      comment:
        "In src/nodes a repository owns its tables' SQL (node, enrolment-code, challenge and lease repositories): services, " +
        'controllers, the sweeper and the pure helpers reach the database only through them; only the module wires TypeORM.',
      severity: 'error',
      from: {
        path: '^src/nodes/',
        pathNot: [TEST_CODE, '\\.repository\\.ts$', '^src/nodes/entities/', '^src/nodes/nodes\\.module\\.ts$', '^src/nodes/sql-rows\\.ts$'],
      },
      to: { path: '(^|/)node_modules/(typeorm|@nestjs/typeorm|pg)(/|$)|^(typeorm|@nestjs/typeorm|pg)$', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'production-imports-no-tests',
      comment: 'Production code never imports specs, integration suites or their helpers.',
      severity: 'error',
      from: { pathNot: [TEST_CODE, '^bench/'] },
      to: { path: '(\\.spec|\\.test)\\.ts$|^test/|\\.spec-helpers\\.ts$' },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'Every import resolves (a typo or a missing dependency fails here before it fails at run time).',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^dist/', '^adapters/sdk/dist/', '^plugins/[a-z0-9-]+/dist/'] },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    combinedDependencies: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
    knownViolations: KNOWN_VIOLATIONS,
  },
};
