package org.keyward.auth.userpass;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;
import org.keyward.http.ApiError;

/**
 * An address block such as {@code 10.0.0.0/8} or {@code 2001:db8::/32} (a bare address is a /32 or
 * /128), for {@code token_bound_cidrs}. Only literal addresses are accepted, so parsing never does
 * a DNS lookup.
 */
record CidrBlock(String text, byte[] network, int prefix) {
  private static final Pattern LITERAL = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

  static CidrBlock parse(String text) {
    String t = text.strip();
    int slash = t.indexOf('/');
    String address = slash < 0 ? t : t.substring(0, slash);
    byte[] bytes = literal(address, text);
    int max = bytes.length * 8;
    int prefix = max;
    if (slash >= 0) {
      try {
        prefix = Integer.parseInt(t.substring(slash + 1));
      } catch (NumberFormatException e) {
        throw invalid(text);
      }
      if (prefix < 0 || prefix > max) {
        throw invalid(text);
      }
    }
    return new CidrBlock(t, mask(bytes, prefix), prefix);
  }

  /** Whether {@code address} (a literal IP, as the listener reports it) lies in this block. */
  boolean contains(String address) {
    byte[] bytes;
    try {
      bytes = literal(address, address);
    } catch (ApiError e) {
      return false;
    }
    return bytes.length == network.length
        && new BigInteger(1, mask(bytes, prefix)).equals(new BigInteger(1, network));
  }

  private static byte[] literal(String address, String original) {
    if (!LITERAL.matcher(address).matches()) {
      throw invalid(original);
    }
    try {
      return InetAddress.getByName(address).getAddress();
    } catch (UnknownHostException e) {
      throw invalid(original);
    }
  }

  private static byte[] mask(byte[] bytes, int prefix) {
    byte[] out = bytes.clone();
    for (int i = 0; i < out.length; i++) {
      int keep = Math.max(0, Math.min(8, prefix - i * 8));
      out[i] = (byte) (out[i] & (0xff << (8 - keep)));
    }
    return out;
  }

  private static ApiError invalid(String text) {
    return ApiError.badRequest("field 'token_bound_cidrs' holds an invalid CIDR block");
  }

  @Override
  public String toString() {
    return text;
  }
}
