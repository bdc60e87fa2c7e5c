import { parseWithZod } from '@conform-to/zod/v4'
import { RegistryRowSchema, toLedgerValues, type DivisionResolver } from '~/rules/registry'
import { RegistryEditSchema } from '~/rules/registry-edit'

/**
 * Parses the ledger form (new and edit share it) into the values the model stores: field rules from
 * RegistryRowSchema, then the township and village resolved with `resolve` (the county's real divisions,
 * createDivisionResolver in app/models/area.server.ts). Returns conform's submission (for the reply)
 * and, when everything holds, the values. `editing`: a row already in the ledger, whose ID number is
 * checked without the 16–65 age rule (rules/registry-edit.ts; issue 11 §2).
 */
export function parseLedgerForm(formData: FormData, resolve: DivisionResolver, { editing = false } = {}) {
  let resolved: { townshipCode: string; villageCode: string | null } | null = null
  const schema = editing ? RegistryEditSchema : RegistryRowSchema
  const submission = parseWithZod(formData, {
    schema: schema.transform((row, ctx) => {
      const place = resolve(row.township ?? '', row.village)
      if (!place.ok) {
        ctx.addIssue({ code: 'custom', path: [place.field], message: place.message })
        return row
      }
      resolved = { townshipCode: place.townshipCode, villageCode: place.villageCode }
      return row
    }),
  })
  if (submission.status !== 'success' || !resolved) return { submission, values: null }
  return { submission, values: toLedgerValues(submission.value, resolved) }
}
