import fs from 'node:fs'
import path from 'node:path'
import type { Compiler } from 'webpack'

/**
 * Writes webpack's stats (assets, chunks, chunk groups and the modules in each chunk, with
 * their sources so a dependency's minified share can be measured) to
 * `file` after a build, for `npm run bench:size`. Added to the build only when
 * UNION_BUNDLE_STATS names the file, so normal builds are unchanged.
 */
export class BundleStatsPlugin {
  constructor(private readonly file: string) {}

  apply(compiler: Compiler): void {
    compiler.hooks.done.tap('UnionBundleStats', (stats) => {
      const json = stats.toJson({
        all: false,
        assets: true,
        chunks: true,
        chunkModules: true,
        chunkGroups: true,
        chunkOrigins: true,
        chunkRelations: true,
        ids: true,
        nestedModules: true,
        dependentModules: true,
        source: true,
        outputPath: true,
        // No grouping or collapsing: every module with its path, size and source.
        chunkModulesSpace: Infinity,
        nestedModulesSpace: Infinity,
        groupModulesByType: false,
        groupModulesByCacheStatus: false,
        groupModulesByAttributes: false,
        groupModulesByPath: false,
        groupModulesByExtension: false,
        groupModulesByLayer: false,
      })
      fs.mkdirSync(path.dirname(this.file), { recursive: true })
      fs.writeFileSync(this.file, JSON.stringify(json))
    })
  }
}
