/**
 * The V8 flags the host runs with: `npm start`, `npm run host`, and the benchmarks that start it
 * (`bench:checkin` runs the host in its own process, so its npm script passes the same flags).
 * Another launcher (a container, a FaaS runtime) should pass them too, e.g. `NODE_OPTIONS=--max-semi-space-size=64`.
 *
 * `--max-semi-space-size=64`: the young generation may grow to 64 MiB per semi-space (V8's default
 * on Node 20 is 16). A door rush allocates fast (a request, its JSON, the rows, the promises of each
 * check-in) and with the default V8 scavenged so often that its helper threads used ≈ 30 % of the
 * host's CPU. Measured (docs/quality.md, section 8, sixth pass): V8's background threads' CPU about a
 * third, PostgreSQL check-ins/s up ≈ 10 %. The young generation grows to that size only under load.
 */
export const HOST_NODE_FLAGS = ['--max-semi-space-size=64'];
