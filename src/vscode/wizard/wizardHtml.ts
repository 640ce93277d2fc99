import { randomBytes } from 'node:crypto';

/** A fresh CSP nonce for every render: 144 random bits from the OS's CSPRNG, base64 (not a predictable generator). */
export function newNonce(): string {
  return randomBytes(18).toString('base64');
}

export interface WizardHtmlOptions {
  /** `webview.cspSource`: the only origin styles, fonts, images and the script may come from. */
  cspSource: string;
  nonce: string;
  /** Already converted with `webview.asWebviewUri`. */
  scriptUri: string;
  styleUris: string[];
  /** The page's title (the wizard's by default). */
  title?: string;
}

const escapeAttribute = (value: string): string =>
  value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * The wizard's page: a strict CSP (nothing by default; styles, fonts and images from the extension's own folders;
 * scripts only with this render's nonce), no inline script or style, and one script that renders everything.
 */
export function wizardHtml(options: WizardHtmlOptions): string {
  const source = options.cspSource;
  const csp = [
    "default-src 'none'",
    `style-src ${source}`,
    `font-src ${source}`,
    `img-src ${source}`,
    `script-src 'nonce-${options.nonce}'`,
    // Not covered by default-src: no <base> may redirect relative URLs, no form may post anywhere.
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  const styles = options.styleUris.map((uri) => `<link rel="stylesheet" href="${escapeAttribute(uri)}">`).join('\n    ');
  return `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="UTF-8">
    <meta http-equiv="Content-Security-Policy" content="${escapeAttribute(csp)}">
    <meta name="viewport" content="width=device-width, initial-scale=1.0">
    ${styles}
    <title>${escapeAttribute(options.title ?? 'Set Up Trusted Publishing')}</title>
  </head>
  <body>
    <main id="app">
      <p class="loading">Loading…</p>
    </main>
    <script nonce="${escapeAttribute(options.nonce)}" src="${escapeAttribute(options.scriptUri)}"></script>
  </body>
</html>
`;
}
