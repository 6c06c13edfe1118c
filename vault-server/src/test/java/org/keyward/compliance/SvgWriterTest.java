package org.keyward.compliance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class SvgWriterTest {
  private static Document parse(String svg) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    return f.newDocumentBuilder()
        .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void finish_withHostileText_isWellFormedAndKeepsTheText() throws Exception {
    String hostile = "<script>alert('x')</script> & \"q\" \u0001";
    String svg =
        new SvgWriter(100, 50, hostile)
            .text(1, 2, hostile, "start", 10)
            .rect(0, 0, 10, 10, "#fff", hostile)
            .finish();

    Document doc = parse(svg);

    assertEquals("svg", doc.getDocumentElement().getLocalName());
    assertEquals(0, doc.getElementsByTagNameNS("*", "script").getLength());
    Element text = (Element) doc.getElementsByTagNameNS("*", "text").item(0);
    assertEquals("<script>alert('x')</script> & \"q\" ", text.getTextContent());
  }

  @Test
  void num_roundsToOneDecimalWithoutLocaleOrExponent() {
    assertEquals("12", SvgWriter.num(12.0));
    assertEquals("12.5", SvgWriter.num(12.46));
    assertEquals("-3", SvgWriter.num(-3.01));
    assertEquals("1000000", SvgWriter.num(1e6));
    assertThrows(IllegalArgumentException.class, () -> SvgWriter.num(Double.NaN));
  }

  @Test
  void rect_negativeWidth_isDrawnEmpty() throws Exception {
    String svg = new SvgWriter(10, 10, "t").rect(0, 0, -5, 3, "red", null).finish();

    Element rect = (Element) parse(svg).getElementsByTagNameNS("*", "rect").item(0);

    assertEquals("0", rect.getAttribute("width"));
  }

  @Test
  void keyAges_oneBarPerKeyColouredByStatus_overAgePassesTheMaximumLine() throws Exception {
    JsonArray rows =
        new JsonArray().add(row("young", 10, 100, "ok")).add(row("old", 140, 100, "failing"));

    Document doc = parse(ReportCharts.keyAges(rows));

    NodeList rects = doc.getElementsByTagNameNS("*", "rect");
    assertEquals(2, rects.getLength());
    Element young = (Element) rects.item(0);
    Element old = (Element) rects.item(1);
    Element maxLine = (Element) doc.getElementsByTagNameNS("*", "line").item(0);
    double maxX = Double.parseDouble(maxLine.getAttribute("x1"));
    double oldEnd =
        Double.parseDouble(old.getAttribute("x")) + Double.parseDouble(old.getAttribute("width"));
    double youngEnd =
        Double.parseDouble(young.getAttribute("x"))
            + Double.parseDouble(young.getAttribute("width"));
    assertEquals("#2e7d32", young.getAttribute("fill"));
    assertEquals("#c62828", old.getAttribute("fill"));
    assertTrue(oldEnd > maxX, "an over-age bar passes the maximum line");
    assertTrue(youngEnd < maxX, "a young key's bar stays before it");
  }

  @Test
  void expiries_placesSoonerExpiryNearerToday() throws Exception {
    JsonArray rows =
        new JsonArray()
            .add(new JsonObject().put("item", "soon").put("days_left", 3).put("status", "warning"))
            .add(new JsonObject().put("item", "late").put("days_left", 80).put("status", "ok"));

    Document doc = parse(ReportCharts.expiries(rows, 90));

    NodeList circles = doc.getElementsByTagNameNS("*", "circle");
    double soon = Double.parseDouble(((Element) circles.item(0)).getAttribute("cx"));
    double late = Double.parseDouble(((Element) circles.item(1)).getAttribute("cx"));
    assertTrue(soon < late);
    assertEquals("#ef8f00", ((Element) circles.item(0)).getAttribute("fill"));
  }

  private static JsonObject row(String item, long age, long max, String status) {
    return new JsonObject()
        .put("item", item)
        .put("age_days", age)
        .put("max_age_days", max)
        .put("status", status);
  }
}
