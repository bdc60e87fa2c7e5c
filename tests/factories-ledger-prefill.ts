import { listTownships } from '~/models/area.server'
import { actorFor } from './lookups'

// Helpers for the verification prefill tests (issue 11 §5), beside tests/factories.ts.

export { createPendingAccount } from './factories'

/** The code of the first township of `centre`'s county (a west staff username), as the ledger form posts it. */
export function firstTownshipOf(centre: string) {
  return listTownships(actorFor(centre).areaCode)[0].code
}
