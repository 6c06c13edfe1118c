package org.keyward.auth.mfa;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.bouncycastle.util.encoders.Base32;

/**
 * What an authenticator app scans: the {@code otpauth://totp/} URL (Key URI Format) with the key in
 * Base32, and the same URL as a QR code PNG (ZXing), base64-encoded, as Vault's {@code generate}
 * answers. Both carry the key: they go to the enrolling person only and are hashed in the audit log
 * like every response string.
 */
final class TotpEnrolment {
  private TotpEnrolment() {}

  static String url(TotpMethod method, String accountName, TotpSecret secret) {
    String issuer = encode(method.issuer());
    String base32 =
        new String(Base32.encode(secret.revealForEnrolment()), StandardCharsets.US_ASCII)
            .replace("=", "");
    return "otpauth://totp/"
        + issuer
        + ":"
        + encode(accountName)
        + "?algorithm="
        + method.algorithm()
        + "&digits="
        + method.digits()
        + "&issuer="
        + issuer
        + "&period="
        + method.period()
        + "&secret="
        + base32;
  }

  /** The QR code of {@code url} as a base64 PNG, {@code size} pixels square; empty for size 0. */
  static String barcode(String url, int size) {
    if (size == 0) {
      return "";
    }
    try {
      BitMatrix matrix = new QRCodeWriter().encode(url, BarcodeFormat.QR_CODE, size, size);
      BufferedImage image =
          new BufferedImage(matrix.getWidth(), matrix.getHeight(), BufferedImage.TYPE_BYTE_BINARY);
      for (int y = 0; y < matrix.getHeight(); y++) {
        for (int x = 0; x < matrix.getWidth(); x++) {
          image.setRGB(x, y, matrix.get(x, y) ? 0x000000 : 0xFFFFFF);
        }
      }
      ByteArrayOutputStream png = new ByteArrayOutputStream();
      ImageIO.write(image, "png", png);
      return Base64.getEncoder().encodeToString(png.toByteArray());
    } catch (WriterException | IOException e) {
      throw new IllegalStateException("cannot render the enrolment QR code", e);
    }
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
