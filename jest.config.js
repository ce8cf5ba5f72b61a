// Projects: `unit` (domain, host, integration through the real SDK; Node), `ui` (components; jsdom),
// `build` (checks on dist/weapp) and `e2e` (headless Chromium against dist/h5). `npm test` builds first.
// @swc/jest: the @swc/core pinned by Taro rejects es2023, so target es2022.
const swc = (extra = {}) => [
  '@swc/jest',
  {
    jsc: {
      target: 'es2022',
      parser: { syntax: 'typescript', tsx: true },
      transform: { react: { runtime: 'automatic' } },
      ...extra,
    },
    module: { type: 'commonjs' },
  },
]

const stubs = '<rootDir>/tests/stubs'

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/cloud/**/*.test.ts', '<rootDir>/tests/integration/**/*.test.ts'],
      transform: { '^.+\\.(t|j)sx?$': swc() },
      moduleNameMapper: {
        '^@cloud/(.*)$': '<rootDir>/cloud/$1',
      },
    },
    {
      displayName: 'build',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/tests/build/**/*.test.ts'],
      transform: { '^.+\\.(t|j)sx?$': swc() },
    },
    {
      // The weapp build run in the headless mini-program runtime (tests/support/weapp) against the real host.
      displayName: 'weapp',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/tests/weapp/**/*.test.ts'],
      transform: { '^.+\\.(t|j)sx?$': swc() },
      moduleNameMapper: { '^@cloud/(.*)$': '<rootDir>/cloud/$1' },
    },
    {
      displayName: 'e2e',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/tests/e2e/**/*.test.ts'],
      transform: { '^.+\\.(t|j)sx?$': swc() },
      moduleNameMapper: { '^@cloud/(.*)$': '<rootDir>/cloud/$1' },
    },
    {
      displayName: 'ui',
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/src/**/*.test.tsx'],
      setupFiles: [`${stubs}/setup.ts`],
      transform: { '^.+\\.(t|j)sx?$': swc() },
      // NutUI's ESM build must be compiled to CommonJS for Jest.
      transformIgnorePatterns: ['/node_modules/(?!@nutui/nutui-react-taro/)'],
      moduleNameMapper: {
        '^@cloud/(.*)$': '<rootDir>/cloud/$1',
        '\\.(s?css)$': `${stubs}/style.ts`,
        '\\.(png|jpe?g|gif|svg)$': `${stubs}/file.ts`,
        '^@tarojs/taro$': `${stubs}/taro.ts`,
        '^@tarojs/components$': `${stubs}/components.tsx`,
        '^@nutui/nutui-react-taro$': '<rootDir>/node_modules/@nutui/nutui-react-taro/dist/es/packages/nutui.react.build.js',
        '^lottie-react$': `${stubs}/lottie.tsx`,
        '^@nutui/lottie-miniprogram$': `${stubs}/lottie.tsx`,
      },
      globals: {
        UNION_APP_ID: 'union-test',
        UNION_APP_KEY: 'union-test-key',
        UNION_SERVER_URL: 'http://127.0.0.1:1',
        UNION_DEMO: true,
      },
    },
  ],
}
