package dev.switchboard.policy.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NetworkDetectorsTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "jane.doe@example.com",
        "j.o'brien@example.ie",
        "first+tag@sub.example.co.uk",
        "USER_99@Example.ORG",
        "m%x@mail-relay.example.travel",
        "ana-maria@correo.example.es"
      })
  void findsEmails(String email) {
    String expected = email.startsWith("j.o'") ? "brien@example.ie" : email;
    assertThat(Found.in("write to <" + email + ">, thanks")).containsExactly("EMAIL=" + expected);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "user@localhost",
        "@example.com",
        "name@",
        "git@github.com:owner/repo.git is fine? no",
        "see a@b for details",
        "price 10@3.50"
      })
  void refusesEmailLookAlikes(String text) {
    assertThat(Found.in(text)).noneMatch(s -> s.startsWith("EMAIL") && !s.contains("github"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"192.168.1.20", "10.0.0.1", "8.8.8.8", "255.255.255.255", "172.16.0.3"})
  void findsIpv4(String ip) {
    assertThat(Found.in("connect from " + ip + ": refused")).containsExactly("IP_ADDRESS=" + ip);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "version 1.2.3.4",
        "v10.0.0.1",
        "release: 2.4.1.0 is out",
        "lib-1.2.3.4.jar",
        "oid 1.3.6.1.4.1.311",
        "256.1.1.1",
        "01.02.03.04",
        "1.2.3",
        "at 12:30:45.123 UTC",
        "2024.01.15"
      })
  void refusesIpv4LookAlikes(String text) {
    assertThat(Found.in(text)).noneMatch(s -> s.startsWith("IP_ADDRESS"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2001:0db8:85a3:0000:0000:8a2e:0370:7334",
        "2001:db8:85a3::8a2e:370:7334",
        "fe80::1ff:fe23:4567:890a",
        "2001:db8::1",
        "::ffff:192.0.2.128",
        "FE80::0202:B3FF:FE1E:8329"
      })
  void findsIpv6(String ip) {
    assertThat(Found.in("peer " + ip + ".")).containsExactly("IP_ADDRESS=" + ip);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "std::vector<int> v;",
        "a::b::c",
        "at 12:30:45 UTC",
        "2024-01-15T10:20:30Z",
        "mac 00:1a:2b:3c:4d:5e",
        "1:2:3:4:5:6:7:8:9",
        "2001:db8::1::2",
        "ratio 16:9"
      })
  void refusesIpv6LookAlikes(String text) {
    assertThat(Found.in(text)).noneMatch(s -> s.startsWith("IP_ADDRESS"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "+1 415-555-2671",
        "(415) 555-2671",
        "415.555.2671",
        "+44 20 7946 0958",
        "020 7946 0958",
        "+49 30 901820",
        "030 901820",
        "+33 1 42 68 53 00",
        "01 42 68 53 00",
        "+81 3-3224-9999"
      })
  void findsPhonesInTheDefaultRegionsAndInternationally(String phone) {
    assertThat(Found.in("call " + phone + " today")).containsExactly("PHONE=" + phone);
  }

  @Test
  void aNationalNumberOfAnUnconfiguredRegionNeedsItsRegion() {
    String brazilian = "call (11) 91234-5678 today";
    assertThat(Found.in(brazilian)).isEmpty();
    Scanner brazil = new Scanner(new DetectorConfig(List.of("BR"), Map.of(), Map.of()));
    assertThat(Found.in(brazil, brazilian)).containsExactly("PHONE=(11) 91234-5678");
  }

  @Test
  void withNoRegionOnlyInternationalNumbersAreFound() {
    Scanner none = new Scanner(new DetectorConfig(List.of(), Map.of(), Map.of()));
    assertThat(Found.in(none, "call +44 20 7946 0958 or 020 7946 0958"))
        .containsExactly("PHONE=+44 20 7946 0958");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "order #100234 shipped",
        "at 2024-01-15 10:20:30",
        "epoch 1733400000123",
        "sha 3f786850e387550fdab836ed7e6dc881de23001b",
        "uuid 123e4567-e89b-12d3-a456-426614174000",
        "version 1.2.3.4",
        "INFO [main] 2025-12-05T21:00:01.123Z pid=48213 took 1532 ms"
      })
  void hardNegativesFindNothing(String text) {
    assertThat(Found.in(text)).isEmpty();
  }
}
