import path from 'node:path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import devConfig from './dev'
import prodConfig from './prod'
import { BundleStatsPlugin } from './bundle-stats'
import { joinFirstPaint } from './join-first-paint'
import { releaseProblems } from './release'

const root = path.resolve(__dirname, '..')
const cloudDir = path.join(root, 'cloud')
const platform = process.env.TARO_ENV ?? 'h5'
/** Dependencies that ship syntax newer than ES2018 (Taro's Babel step skips node_modules otherwise). */
const transpiledDependencies = ['zod'].map((name) => path.join(root, 'node_modules', name))

/**
 * Build-time settings read from the environment (see types/global.d.ts).
 * UNION_SERVER_URL '' in H5 means "the page's own origin" (the host serves the app).
 * WeChat has no origin, so weapp builds default to the local demo host.
 */
function unionConstants(): Record<string, string> {
  const env = process.env
  const defaultServer = platform === 'h5' ? '' : 'http://127.0.0.1:3000'
  const release = env.UNION_RELEASE === '1' && platform === 'weapp'
  if (release) {
    const problems = releaseProblems(env)
    if (problems.length) throw new Error(`小程序发布构建（UNION_RELEASE=1）被拒绝：\n- ${problems.join('\n- ')}`)
    return {
      UNION_APP_ID: JSON.stringify(env.UNION_APP_ID),
      UNION_APP_KEY: JSON.stringify(env.UNION_APP_KEY),
      UNION_SERVER_URL: JSON.stringify(env.UNION_SERVER_URL),
      UNION_DEMO: JSON.stringify(false),
    }
  }
  return {
    UNION_APP_ID: JSON.stringify(env.UNION_APP_ID || 'union-demo'),
    UNION_APP_KEY: JSON.stringify(env.UNION_APP_KEY || 'union-demo-key'),
    UNION_SERVER_URL: JSON.stringify(env.UNION_SERVER_URL ?? defaultServer),
    UNION_DEMO: JSON.stringify(env.UNION_MODE !== 'production'),
  }
}

// https://taro-docs.jd.com/docs/next/config#defineconfig-辅助函数
export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'union-app',
    date: '2025-11-25',
    // NutUI is drawn at 375; our own styles at 750.
    designWidth(input) {
      const file = typeof input === 'object' && input !== null ? input.file : undefined
      if (typeof file === 'string' && file.replace(/\\+/g, '/').includes('@nutui')) return 375
      return 750
    },
    deviceRatio: {
      640: 2.34 / 2,
      750: 1,
      375: 2,
      828: 1.81 / 2,
    },
    sourceRoot: 'src',
    outputRoot: `dist/${platform}`,
    plugins: [],
    defineConstants: unionConstants(),
    alias: {
      '@cloud': cloudDir,
    },
    copy: {
      patterns: [],
      options: {},
    },
    framework: 'react',
    compiler: 'webpack5',
    cache: {
      enable: false,
    },
    mini: {
      // The shared contract lives outside src/ and still needs Babel; so do dependencies that ship
      // syntax newer than ES2018 (zod: `?.`, `??`), which iPhones before iOS 13.4 cannot parse.
      // tests/build/weapp-syntax.test.ts parses every file of dist/weapp at ES2018.
      compile: { include: [cloudDir, ...transpiledDependencies] },
      // NutUI components are imported in a different order on each page; their CSS does not overlap.
      miniCssExtractPluginOption: { ignoreOrder: true },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false },
      },
      webpackChain(chain) {
        // Taro's mini resolver would pick the browser build (XHR, localStorage): use the WeChat one.
        chain.resolve.alias.set('leancloud-storage$', 'leancloud-storage/dist/av-weapp.js')
        if (process.env.UNION_BUNDLE_STATS) chain.plugin('union-bundle-stats').use(BundleStatsPlugin, [process.env.UNION_BUNDLE_STATS])
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      // The join page's consent screen as HTML, painted before any script runs (join-first-paint.ts).
      htmlPluginOption: { joinFirstPaint: joinFirstPaint() },
      compile: { include: [cloudDir] },
      output: {
        filename: 'js/[name].[hash:8].js',
        chunkFilename: 'js/[name].[chunkhash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[hash].css',
        chunkFilename: 'css/[name].[chunkhash].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false },
      },
      webpackChain(chain) {
        // Pages are lazy chunks; Taro splits only initial chunks, which copies the SDK and
        // NutUI into every page. Split async chunks too so each library ships once; minSize
        // keeps tiny shared chunks inline (fewer requests on slow mobile networks).
        chain.optimization.splitChunks({ ...chain.optimization.get('splitChunks'), chunks: 'all', minSize: 20000 })
        if (process.env.UNION_BUNDLE_STATS) chain.plugin('union-bundle-stats').use(BundleStatsPlugin, [process.env.UNION_BUNDLE_STATS])
      },
    },
  }

  if (process.env.NODE_ENV === 'development') {
    return merge({}, baseConfig, devConfig)
  }
  return merge({}, baseConfig, prodConfig)
})
