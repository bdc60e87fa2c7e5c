import { z } from 'zod'

// zod 4 probes `new Function` to compile faster parsers. Our Content-Security-Policy forbids eval, and
// even the probe is reported as a violation in the browser. Every schema imports z from here, so the
// setting is in place before the first schema is built, on the server and in the browser alike.
z.config({ jitless: true })

export { z }
