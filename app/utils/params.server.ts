import { parseRecordId } from '~/rules/fields'

/**
 * A record id from the URL (`params.jobId`) or a form field (`formData.get('applicationId')`). Anything
 * that is not a plain positive integer answers 404, exactly like a record that does not exist, so probing
 * ids teaches nothing. Takes the raw value; returns the id or throws the 404 Response.
 */
export function requireRecordId(raw: unknown): number {
  const id = parseRecordId(raw)
  if (id == null) throw new Response('Not Found', { status: 404 })
  return id
}
