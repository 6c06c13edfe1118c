package org.keyward.auth.userpass;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class Argon2idPasswordHashTest {
  private final SecureRandom random = new SecureRandom();

  @Test
  void matches_rightPasswordAfterRoundTrip_wrongOneNot() {
    Argon2idPasswordHash hash = Argon2idPasswordHash.create("correct horse", random);
    Argon2idPasswordHash parsed = Argon2idPasswordHash.parse(hash.encoded());
    assertTrue(parsed.matches("correct horse"));
    assertFalse(parsed.matches("correct horsf"));
    assertFalse(parsed.matches("Correct horse"));
  }

  @Test
  void encoded_namesOwaspParametersAndHidesFromToString() {
    Argon2idPasswordHash hash = Argon2idPasswordHash.create("pw", random);
    assertTrue(hash.encoded().startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), hash.encoded());
    assertFalse(hash.toString().contains(hash.encoded().substring(30)));
  }

  @Test
  void matches_unmatchable_isAlwaysFalse() {
    assertFalse(Argon2idPasswordHash.unmatchable(random).matches("anything"));
  }

  @Test
  void parse_withMalformedOrWeakParameters_fails() {
    assertThrows(IllegalArgumentException.class, () -> Argon2idPasswordHash.parse("$2a$10$abc"));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            Argon2idPasswordHash.parse(
                "$argon2id$v=19$m=1,t=1,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAA"));
  }

  @Test
  void cidrBlock_containsOnlyAddressesInside() {
    assertTrue(CidrBlock.parse("10.0.0.0/8").contains("10.1.2.3"));
    assertFalse(CidrBlock.parse("10.0.0.0/8").contains("11.0.0.1"));
    assertTrue(CidrBlock.parse("127.0.0.1").contains("127.0.0.1"));
    assertFalse(CidrBlock.parse("2001:db8::/32").contains("127.0.0.1"));
    assertThrows(RuntimeException.class, () -> CidrBlock.parse("example.org/8"));
  }
}
