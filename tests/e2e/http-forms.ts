import { expect } from 'vitest'

// Plain form posts at the production server, as a browser without JavaScript sends them, for the e2e tests
// that drive the batch pages over HTTP (issue 12): one poster, one staff sign-in, one way to make an open
// kaizhou batch.

/** A form poster for `baseURL`: posts `fields` to `path` with the session `cookie` ('' for none); redirects are not followed. */
export function formPoster(baseURL: string) {
  return (cookie: string, path: string, fields: Record<string, string>) =>
    fetch(baseURL + path, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookie },
      body: new URLSearchParams(fields),
    })
}

/** Signs `username` (staff or a worker; the demo password) in at `baseURL`; returns the session cookie as `name=value`. */
export async function staffCookieAt(baseURL: string, username = 'kaizhou') {
  const response = await formPoster(baseURL)('', '/login', { username, password: 'Luyu@2026' })
  return response.headers.get('set-cookie')!.split(';')[0]
}

/**
 * A kaizhou batch to 潍坊 made through its pages by the staff `cookie`: saved as a draft leaving on
 * `departureDate` (Shanghai date), one bus `plate` of `seats`, then opened for booking unless `open` is false.
 * Returns the batch page's path and the batch id.
 */
export async function kaizhouBatchOverHttp(
  baseURL: string,
  cookie: string,
  { departureDate, plate, seats = 45, open = true }: { departureDate: string; plate: string; seats?: number; open?: boolean },
) {
  const post = formPoster(baseURL)
  const made = await post(cookie, '/west/batches/new', {
    cityCode: '370700',
    pickupName: '汉丰街道汽车站',
    pickupAddress: '开州区汉丰街道滨湖路 1 号',
    departureDate,
    departureTime: '07:00',
    escortName: '王干部',
    escortPhone: '13800002222',
  })
  expect(made.status).toBe(302)
  const path = made.headers.get('location')!
  expect((await post(cookie, path, { intent: 'add_vehicle', plate, seats: String(seats) })).status).toBe(302)
  if (open) expect((await post(cookie, path, { intent: 'open' })).status).toBe(302)
  return { path, batchId: Number(path.split('/').pop()) }
}
