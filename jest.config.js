// Two projects: fast unit specs next to the code, and integration suites under test/ that talk to a
// real database (embedded PGlite by default, a PostgreSQL server when DATABASE_URL is set).
const swc = ['@swc/jest', {
  swcrc: false,
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'commonjs' },
}];

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
  projects: [
    { ...common, displayName: 'unit', roots: ['<rootDir>/src', '<rootDir>/adapters', '<rootDir>/plugins', '<rootDir>/bench'], testMatch: ['**/*.spec.ts'] },
    { ...common, displayName: 'integration', roots: ['<rootDir>/test'], testMatch: ['**/*.test.ts'] },
  ],
};
