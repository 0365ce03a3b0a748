/**
 * The QR code shown while enrolling an authenticator app, as SVG markup that the web app can
 * inline. qrcode draws modules as path data and never copies the encoded text into the
 * markup, so the otpauth URI (secret included) cannot inject anything; the checks below keep
 * that true if the library's output ever changes.
 */
import QRCode from 'qrcode';

const LABEL = 'QR code for setting up your authenticator app';

export async function qrSvg(text: string): Promise<string> {
  const svg = (
    await QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 })
  ).trim();
  if (!svg.startsWith('<svg ') || !svg.endsWith('</svg>') || !isInert(svg)) {
    throw new Error('qrcode produced unexpected SVG markup');
  }
  return svg.replace('<svg ', `<svg role="img" aria-label="${LABEL}" `);
}

/** No scripts, event handlers, external references or foreign content. */
function isInert(svg: string): boolean {
  return !/<(?:script|foreignObject|iframe|image|use|a)\b|\son[a-z]+\s*=|href|javascript:/i.test(
    svg,
  );
}
