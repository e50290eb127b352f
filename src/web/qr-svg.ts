import QRCode from 'qrcode';
import { escapeHtml as e } from '../common/i18n/i18n.js';

/** A QR code as inline SVG (no request, no script) with its full quiet zone, named for screen readers. */
export async function qrCodeSvg(text: string, label: string): Promise<string> {
  const svg = await QRCode.toString(text, { type: 'svg', margin: 4, errorCorrectionLevel: 'M' });
  return svg.replace('<svg ', `<svg class="qr" role="img" aria-label="${e(label)}" `);
}
