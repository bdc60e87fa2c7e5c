import { useHydrated } from './client-only'

/**
 * 打印 — opens the browser's print dialog (the print stylesheet in app/styles/app.css leaves out the header,
 * navigation, filters and buttons). The button needs JavaScript, so it appears only once the page has hydrated
 * (a button that does nothing without it would be a dead end); the hint beside it is always there, on phones
 * too (a tooltip never shows on a touch screen), and says how to print with the browser's own menu. Takes the
 * words on the button and the hint; neither is printed.
 */
export function PrintButton({ children = '打印', hint = '用浏览器菜单里的“打印”可以打印本页' }: { children?: string; hint?: string }) {
  const hydrated = useHydrated()
  return (
    <>
      {hydrated ? (
        <button type="button" className="button button--secondary no-print" onClick={() => window.print()}>
          {children}
        </button>
      ) : null}
      <span className="print-hint muted small no-print">{hint}</span>
    </>
  )
}
