/**
 * A QR code drawn from an SVG made on the server (utils/qr-code.server.ts, the `qrcode` package, no
 * network). The SVG is the library's own output for a URL of this portal, never user markup. Takes the
 * SVG, the URL it encodes (read out beneath it) and a label for screen readers.
 */
export function QrCode({ svg, url, label }: { svg: string; url: string; label: string }) {
  return (
    <figure className="qr">
      <div className="qr__image" role="img" aria-label={label} dangerouslySetInnerHTML={{ __html: svg }} />
      <figcaption className="qr__url mono">{url}</figcaption>
    </figure>
  )
}
