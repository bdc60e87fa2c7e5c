import QRCode from 'qrcode'
import { env } from './env.server'

/**
 * A QR code of `url` as an SVG string, made locally by the `qrcode` package (no network), error
 * correction M so a notice that is creased or rained on still scans. Takes an absolute URL; returns SVG.
 */
export async function qrSvg(url: string) {
  return QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 })
}

/**
 * The portal's public address for a path: APP_ORIGIN when set (production), otherwise the origin the
 * request came in on. Takes the request and the path (starting with /).
 */
export function publicUrl(request: Request, path: string) {
  return new URL(path, env.APP_ORIGIN ?? new URL(request.url).origin).toString()
}
