import '@remix-run/node'

declare module '@remix-run/node' {
  interface AppLoadContext {
    /** Per-request Content-Security-Policy nonce, set by the express server. */
    cspNonce: string
    /** Client address as seen by express (honours TRUST_PROXY). */
    clientIp: string
  }
  interface Future {
    v3_singleFetch: true
  }
}

export {}
