/**
 * A record id from the URL. Anything that is not a plain positive integer answers 404, exactly like a
 * record that does not exist, so probing ids teaches nothing.
 */
export function parseRecordId(raw: string | undefined) {
  if (!raw || !/^[1-9]\d{0,15}$/.test(raw)) throw new Response('Not Found', { status: 404 })
  const id = Number(raw)
  if (!Number.isSafeInteger(id)) throw new Response('Not Found', { status: 404 })
  return id
}
