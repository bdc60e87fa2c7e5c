// The name and shape of a create form's token (issue 9 §5), shared by the page (components/forms.tsx
// FormToken) and the server (form-token.server.ts). No server code here: the browser bundle imports it.

/** The hidden field every create form sends its token in. */
export const FORM_TOKEN_FIELD = 'formToken'

/** What a token the server handed out looks like (base64url, 24 characters); anything else is not one. */
export const FORM_TOKEN_PATTERN = /^[A-Za-z0-9_-]{20,64}$/
