package org.keyward.compliance;

import java.util.Locale;

/**
 * Writes a small inline SVG image (rectangles, lines, circles, text) as well-formed XML, every text
 * and attribute escaped, numbers in fixed locale-free form. No scripts, no external references: a
 * browser or a printer shows it without fetching anything.
 */
final class SvgWriter {
  private final StringBuilder out = new StringBuilder();
  private boolean finished;

  /** Starts an image of {@code width} x {@code height} with an accessible {@code title}. */
  SvgWriter(int width, int height, String title) {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("size must be positive");
    }
    out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
        .append(width)
        .append("\" height=\"")
        .append(height)
        .append("\" viewBox=\"0 0 ")
        .append(width)
        .append(' ')
        .append(height)
        .append("\" role=\"img\" font-family=\"sans-serif\"><title>")
        .append(escape(title))
        .append("</title>");
  }

  SvgWriter rect(double x, double y, double w, double h, String fill, String tooltip) {
    out.append("<rect x=\"")
        .append(num(x))
        .append("\" y=\"")
        .append(num(y))
        .append("\" width=\"")
        .append(num(Math.max(0, w)))
        .append("\" height=\"")
        .append(num(Math.max(0, h)))
        .append("\" fill=\"")
        .append(escape(fill))
        .append('"');
    return tooltip(tooltip, "rect");
  }

  SvgWriter circle(double cx, double cy, double r, String fill, String tooltip) {
    out.append("<circle cx=\"")
        .append(num(cx))
        .append("\" cy=\"")
        .append(num(cy))
        .append("\" r=\"")
        .append(num(r))
        .append("\" fill=\"")
        .append(escape(fill))
        .append('"');
    return tooltip(tooltip, "circle");
  }

  SvgWriter line(double x1, double y1, double x2, double y2, String stroke, boolean dashed) {
    out.append("<line x1=\"")
        .append(num(x1))
        .append("\" y1=\"")
        .append(num(y1))
        .append("\" x2=\"")
        .append(num(x2))
        .append("\" y2=\"")
        .append(num(y2))
        .append("\" stroke=\"")
        .append(escape(stroke))
        .append('"');
    if (dashed) {
      out.append(" stroke-dasharray=\"4 3\"");
    }
    out.append("/>");
    return this;
  }

  /** Text at (x, y); {@code anchor} is {@code start}, {@code middle} or {@code end}. */
  SvgWriter text(double x, double y, String text, String anchor, int size) {
    out.append("<text x=\"")
        .append(num(x))
        .append("\" y=\"")
        .append(num(y))
        .append("\" text-anchor=\"")
        .append(escape(anchor))
        .append("\" font-size=\"")
        .append(size)
        .append("\">")
        .append(escape(text))
        .append("</text>");
    return this;
  }

  /** The finished image; the writer takes no more shapes. */
  String finish() {
    if (!finished) {
      out.append("</svg>");
      finished = true;
    }
    return out.toString();
  }

  private SvgWriter tooltip(String tooltip, String element) {
    if (tooltip == null) {
      out.append("/>");
    } else {
      out.append("><title>")
          .append(escape(tooltip))
          .append("</title></")
          .append(element)
          .append('>');
    }
    return this;
  }

  /** XML-escapes text and attribute values; drops characters XML 1.0 cannot hold. */
  static String escape(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> {
          if (c >= 0x20 || c == '\n' || c == '\t' || c == '\r') {
            if (c < 0xFFFE) {
              b.append(c);
            }
          }
        }
      }
    }
    return b.toString();
  }

  /** At most one decimal, no locale, no exponent: 12, 12.5, -3. */
  static String num(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      throw new IllegalArgumentException("not a finite number");
    }
    double rounded = Math.round(v * 10) / 10.0;
    if (rounded == Math.rint(rounded)) {
      return Long.toString((long) rounded);
    }
    return String.format(Locale.ROOT, "%.1f", rounded);
  }
}
