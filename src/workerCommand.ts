// The worker process as `npm run worker` starts it (package.json says the same), for the tests, the
// chaos run and the benchmark, which start workers of their own.
//
// `--heap-growing-percent=20`: V8 collects once a heap has grown 20% past what survived its last
// collection, rather than letting it grow up to 4× first. A worker peaked at about 410 MB in an
// N = 1000 backfill instead of 690, for about 15% more worker CPU (bench/FINDINGS.md). Unlike a
// heap limit (`--max-old-space-size`), a large list page cannot make the worker run out of memory.
// `--max-semi-space-size=8` (MB, half of Node 20's default) keeps each thread's young generation
// small: the first 14 minutes of an N = 20000 backfill peaked at 402 MB instead of 438, for about
// 10% more worker CPU.
export const WORKER_NODE_ARGS = [
  '--heap-growing-percent=20',
  '--max-semi-space-size=8',
  '--import',
  'tsx',
  'src/worker.ts',
];

// `MALLOC_ARENA_MAX=2`: glibc gives threads that allocate at once (the Temporal core's, the workflow
// thread) arenas of their own, up to 8 per core, and what is freed in one is seldom given back. Two
// arenas kept an N = 20000 backfill's worker about 40 MB (9%) smaller; other C libraries ignore it.
export const WORKER_ENV = { MALLOC_ARENA_MAX: '2' };
