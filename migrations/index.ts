// Every migration, in order. Listed explicitly (not globbed) so that ts-jest, ts-node and the compiled
// server all load exactly the same set.
import { Foundation1764100000000 } from './1764100000000-Foundation';
import { LiveOutbox1764100005000 } from './1764100005000-LiveOutbox';

export const migrations = [Foundation1764100000000, LiveOutbox1764100005000];
