import type { Chunk, ChunkGroup, Compilation, Compiler } from 'webpack'

/**
 * H5 only. Taro loads each page as a lazy chunk group, which the browser asks for only once
 * `app.js` has been downloaded and run: on a phone that is a second round of requests after the
 * first. For the pages named here (those people open from a link or QR code, e.g. the join page),
 * this adds a tiny inline script to `index.html` that, when the URL's hash route is one of them,
 * inserts `<link rel="preload">` for that page's scripts and styles at once, so they download
 * alongside `app.js`. Other routes preload nothing.
 */
export class PreloadPagesPlugin {
  constructor(
    private readonly pages: string[],
    private readonly publicPath = '/',
  ) {}

  apply(compiler: Compiler): void {
    compiler.hooks.thisCompilation.tap('UnionPreloadPages', (compilation: Compilation) => {
      compilation.hooks.processAssets.tap(
        { name: 'UnionPreloadPages', stage: compiler.webpack.Compilation.PROCESS_ASSETS_STAGE_REPORT },
        () => {
          const html = compilation.getAsset('index.html')
          if (!html) return
          const initial = new Set<string>()
          for (const chunk of compilation.chunks) if (chunk.canBeInitial()) for (const f of chunk.files) initial.add(f)
          const routes: Record<string, string[]> = {}
          for (const page of this.pages) {
            const files = new Set<string>()
            for (const group of compilation.chunkGroups) {
              if (!group.origins.some((o) => typeof o.request === 'string' && o.request.replace(/\\/g, '/').includes(page))) continue
              collect(group, files, new Set())
            }
            const list = [...files].filter((f) => /\.(js|css)$/.test(f) && !initial.has(f)).sort((a, b) => Number(a.endsWith('.js')) - Number(b.endsWith('.js')))
            if (list.length) routes[`/${page}`] = list.map((f) => this.publicPath + f)
          }
          if (!Object.keys(routes).length) return
          const script =
            `<script>!function(p){var r=p[location.hash.slice(1).split("?")[0]];r&&r.forEach(function(u){var l=document.createElement("link");` +
            `l.rel="preload";l.as=/\\.css$/.test(u)?"style":"script";l.href=u;document.head.appendChild(l)})}(${JSON.stringify(routes)})</script>`
          const source = html.source.source().toString()
          compilation.updateAsset('index.html', new compiler.webpack.sources.RawSource(source.replace('</head>', `${script}</head>`)))
        },
      )
    })
  }
}

/** The files of a chunk group and of the groups it loads in turn (a page's own lazy imports). */
function collect(group: ChunkGroup, files: Set<string>, seen: Set<ChunkGroup>): void {
  if (seen.has(group)) return
  seen.add(group)
  group.chunks.forEach((chunk: Chunk) => chunk.files.forEach((f) => files.add(f)))
  for (const child of group.getChildren()) collect(child, files, seen)
}
