// Preloaded into the API when the benchmark profiles it (--profile-api): Node writes a --cpu-prof
// profile only on a normal exit, and Nest ends a SIGTERM by re-raising the signal.
process.prependListener('SIGTERM', () => process.exit(0));
