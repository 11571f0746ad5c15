// Two projects: fast unit specs next to the code, and integration suites under test/ that talk to a
// real database (embedded PGlite by default, a PostgreSQL server when DATABASE_URL is set).
const swc = [
  '@swc/jest',
  {
    swcrc: false,
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
  },
];

const common = {
  testEnvironment: 'node',
  // content-disposition 3 (under @fastify/static, which serves the dashboard) ships ESM only; Node loads it
  // with require(esm), jest's module loader does not, so jest compiles that one package to CommonJS.
  transform: { '^.+\\.ts$': swc, 'content-disposition/.+\\.js$': swc },
  transformIgnorePatterns: ['/node_modules/(?!(@fastify/static/node_modules/)?content-disposition/)'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  // Workspace packages resolve to their TypeScript sources, so tests need no build (npm start uses dist/).
  moduleNameMapper: {
    '^@switchyard/adapter-sdk$': '<rootDir>/adapters/sdk/index.ts',
    '^@switchyard/adapter-sdk/(.*)$': '<rootDir>/adapters/sdk/$1',
    '^@switchyard/plugin-ionet$': '<rootDir>/plugins/ionet/src/index.ts',
    '^@switchyard/client$': '<rootDir>/client/src/index.ts',
  },
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/adapters/sdk/dist/', '<rootDir>/plugins/.*/dist/', '<rootDir>/client/dist/'],
};

module.exports = {
  // Integration suites start the whole service and its simulators; a single test may take a while.
  testTimeout: 60000,
  // Jest's default is one worker fewer than there are cores: a single worker on a 2-core machine, so every file
  // waited for the one before it. Two files at a time: much of an integration file's time is spent waiting
  // (simulated networks' latencies, loop intervals, polling), and every file is parallel-safe (ports 0, its own
  // database, its own temporary folders and build outputs). With three, on the 2-core machine also busy with
  // other work, files' starts (module loading, PGlite, Nest: CPU-bound) ran past their hooks' 60 s.
  // `--maxWorkers=<n>` (or `-i`) on the command line still overrides this.
  maxWorkers: 2,
  projects: [
    { ...common, displayName: 'unit', roots: ['<rootDir>/src', '<rootDir>/adapters', '<rootDir>/plugins', '<rootDir>/bench'], testMatch: ['**/*.spec.ts'] },
    { ...common, displayName: 'integration', roots: ['<rootDir>/test'], testMatch: ['**/*.test.ts'] },
  ],
};
