// Every migration, in order. Listed explicitly (not globbed) so that ts-jest, ts-node and the compiled
// server all load exactly the same set.
import { Foundation1764100000000 } from './1764100000000-Foundation';
import { Inventory1764100001000 } from './1764100001000-Inventory';
import { Operations1764100002000 } from './1764100002000-Operations';
import { Pathway1764100003000 } from './1764100003000-Pathway';
import { Placement1764100004000 } from './1764100004000-Placement';
import { LiveOutbox1764100005000 } from './1764100005000-LiveOutbox';
import { LiveOutboxWriters1764100005100 } from './1764100005100-LiveOutboxWriters';
import { Reporting1764100006000 } from './1764100006000-Reporting';
import { PlacementIndexes1764100007000 } from './1764100007000-PlacementIndexes';
import { PlacementSafeguarding1764200100000 } from './1764200100000-PlacementSafeguarding';
import { PathwayFidelity1764200200000 } from './1764200200000-PathwayFidelity';
import { ReceptionAndCaseWorkRoles1764200300000 } from './1764200300000-ReceptionAndCaseWorkRoles';
import { HostCouncilsAndAgreements1764200301000 } from './1764200301000-HostCouncilsAndAgreements';
import { MustChangePassword1764200400000 } from './1764200400000-MustChangePassword';
import { IdempotencyClaims1764200800000 } from './1764200800000-IdempotencyClaims';

export const migrations = [
  Foundation1764100000000,
  Inventory1764100001000,
  Operations1764100002000,
  Pathway1764100003000,
  Placement1764100004000,
  LiveOutbox1764100005000,
  LiveOutboxWriters1764100005100,
  Reporting1764100006000,
  PlacementIndexes1764100007000,
  PlacementSafeguarding1764200100000,
  PathwayFidelity1764200200000,
  ReceptionAndCaseWorkRoles1764200300000,
  HostCouncilsAndAgreements1764200301000,
  MustChangePassword1764200400000,
  IdempotencyClaims1764200800000,
];
