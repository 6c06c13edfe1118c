package org.keyward.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValueTypesTest {
  @Test
  void secretTypes_toString_hideValues() {
    SecretString s = SecretString.of("hunter2");
    SecretBytes b = SecretBytes.ofUtf8("hunter2");
    SecretData d = SecretData.of(Map.of("password", "hunter2"));
    AuthInfo a = new AuthInfo(s, "acc", List.of(), Duration.ZERO, false);

    for (Object o : List.of(s, b, d, a)) {
      assertFalse(o.toString().contains("hunter2"), o::toString);
    }
    assertTrue(d.toString().contains("password"), d::toString);
    assertEquals("hunter2", s.reveal());
  }

  @Test
  void secretString_equality_comparesContent() {
    assertEquals(SecretString.of("a"), SecretString.of("a"));
    assertNotEquals(SecretString.of("a"), SecretString.of("b"));
  }

  @Test
  void secretBytes_reveal_returnsCopy() {
    SecretBytes b = SecretBytes.of(new byte[] {1, 2});

    b.reveal()[0] = 9;

    assertEquals(1, b.reveal()[0]);
  }

  @Test
  void ciphertext_parse_readsVersionAndRefusesOtherShapes() {
    Ciphertext c = Ciphertext.parse("vault:v12:QUJD");

    assertEquals(12, c.keyVersion());
    assertEquals("vault:v12:QUJD", c.value());
    assertThrows(IllegalArgumentException.class, () -> Ciphertext.parse("vault:v0:QUJD"));
    assertThrows(IllegalArgumentException.class, () -> Ciphertext.parse("plain text"));
    assertThrows(IllegalArgumentException.class, () -> Ciphertext.parse(null));
  }

  @Test
  void retryPolicy_delays_growWithinCapAndJitter() {
    RetryPolicy p = new RetryPolicy(10, Duration.ofMillis(100), Duration.ofMillis(800));

    for (int i = 0; i < 200; i++) {
      long first = p.delayAfter(1).toMillis();
      long late = p.delayAfter(9).toMillis();
      assertTrue(first >= 50 && first <= 100, "first " + first);
      assertTrue(late >= 400 && late <= 800, "late " + late);
    }
  }

  @Test
  void retryPolicy_statuses_retryOnlyThrottleAndServerErrors() {
    assertTrue(RetryPolicy.retryableStatus(429));
    assertTrue(RetryPolicy.retryableStatus(503));
    assertTrue(RetryPolicy.retryableStatus(500));
    assertFalse(RetryPolicy.retryableStatus(501));
    assertFalse(RetryPolicy.retryableStatus(400));
    assertFalse(RetryPolicy.retryableStatus(403));
    assertFalse(RetryPolicy.retryableStatus(404));
  }

  @Test
  void retryPolicy_invalid_isRefused() {
    assertThrows(
        IllegalArgumentException.class, () -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO));
    assertThrows(
        IllegalArgumentException.class,
        () -> new RetryPolicy(2, Duration.ofSeconds(2), Duration.ofSeconds(1)));
  }
}
