package org.keyward.client.cli;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import java.util.Map;

/**
 * A QR code as terminal text (ZXing encodes, we only draw): two module rows per line with Unicode
 * half blocks, light modules drawn, as {@code qrencode -t UTF8} does, so it scans from a dark
 * terminal; a 2-module quiet zone.
 */
final class TextQrCode {
  private TextQrCode() {}

  static String render(String text) {
    BitMatrix m;
    try {
      m =
          new QRCodeWriter()
              .encode(text, BarcodeFormat.QR_CODE, 0, 0, Map.of(EncodeHintType.MARGIN, 2));
    } catch (WriterException e) {
      throw new IllegalStateException("cannot encode the QR code", e);
    }
    StringBuilder out = new StringBuilder();
    for (int y = 0; y < m.getHeight(); y += 2) {
      for (int x = 0; x < m.getWidth(); x++) {
        boolean top = !m.get(x, y);
        boolean bottom = y + 1 < m.getHeight() && !m.get(x, y + 1);
        out.append(top && bottom ? '█' : top ? '▀' : bottom ? '▄' : ' ');
      }
      out.append('\n');
    }
    return out.toString();
  }
}
