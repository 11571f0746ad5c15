// Migrations in the order they run. Generated from entity diffs (npm run migration:generate), reversible,
// never edited after landing. Add new ones at the end.
import { Pool1795543832933 } from './1795543832933-Pool';
import { Nodes1795544391845 } from './1795544391845-Nodes';
import { FxQuotes1795544481736 } from './1795544481736-FxQuotes';
import { Accounts1795544577137 } from './1795544577137-Accounts';
import { Jobs1795544635330 } from './1795544635330-Jobs';
import { UsageSettlement1795567663027 } from './1795567663027-UsageSettlement';
import { BudgetHolds1795576522604 } from './1795576522604-BudgetHolds';
import { StatusSeen1795576951373 } from './1795576951373-StatusSeen';
import { ProofOfGpu1795590000000 } from './1795590000000-ProofOfGpu';
import { OfferContentHash1795600000000 } from './1795600000000-OfferContentHash';
import { OfferSnapshotExpiry1795610000000 } from './1795610000000-OfferSnapshotExpiry';
import { DropOfferModelIndex1795620000000 } from './1795620000000-DropOfferModelIndex';

export const MIGRATIONS: Array<new () => object> = [
  Pool1795543832933,
  Nodes1795544391845,
  FxQuotes1795544481736,
  Accounts1795544577137,
  Jobs1795544635330,
  UsageSettlement1795567663027,
  BudgetHolds1795576522604,
  StatusSeen1795576951373,
  ProofOfGpu1795590000000,
  OfferContentHash1795600000000,
  OfferSnapshotExpiry1795610000000,
  DropOfferModelIndex1795620000000,
];
