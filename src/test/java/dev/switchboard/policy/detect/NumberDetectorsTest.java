package dev.switchboard.policy.detect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NumberDetectorsTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "4111111111111111", // Visa
        "4111 1111 1111 1111",
        "4111-1111-1111-1111",
        "4222222222222", // Visa, 13 digits
        "5555555555554444", // Mastercard
        "5105 1051 0510 5100",
        "2223000048400011", // Mastercard 2-series
        "378282246310005", // American Express
        "3714 496353 98431",
        "6011111111111117", // Discover
        "6011-0009-9013-9424",
        "3530111333300000", // JCB
        "3566002020360505",
        "30569309025904", // Diners Club
        "38520000023237",
        "6200000000000005", // UnionPay
        "6759649826438453", // Maestro
        "2200000000000004" // Mir
      })
  void findsChecksumValidCardsInEveryLayout(String card) {
    assertThat(Found.in("card: " + card + ", exp 12/29")).containsExactly("CREDIT_CARD=" + card);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "4111111111111112", // Luhn-invalid
        "5555555555554445",
        "378282246310006",
        "1234567812345670", // Luhn-valid, no issuer starts with 1
        "9999999999999995", // Luhn-valid, no issuer
        "41111111111111111111", // 20 digits
        "4111 1111 1111" // too short
      })
  void refusesCardLookAlikes(String number) {
    assertThat(Found.in("ref " + number + " done")).doesNotContain("CREDIT_CARD=" + number);
    assertThat(Found.in("ref " + number + " done")).noneMatch(s -> s.startsWith("CREDIT_CARD"));
  }

  @Test
  void aCardInsideALongerDigitRunIsNotACard() {
    assertThat(Found.in("order 94111111111111111")).isEmpty();
    assertThat(Found.in("id=a4111111111111111")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "DE89370400440532013000",
        "DE89 3704 0044 0532 0130 00",
        "GB82WEST12345698765432",
        "GB82 WEST 1234 5698 7654 32",
        "FR1420041010050500013M02606",
        "FR14 2004 1010 0505 0001 3M02 606",
        "ES9121000418450200051332",
        "NL91ABNA0417164300",
        "BE68539007547034",
        "CH9300762011623852957",
        "IT60X0542811101000000123456",
        "NO9386011117947",
        "AT611904300234573201",
        "PL61109010140000071219812874",
        "SA0380000000608010167519",
        "MT84MALT011000012345MTLCAST001S",
        "BR1800360305000010009795493C1"
      })
  void findsMod97ValidIbansCompactOrGrouped(String iban) {
    assertThat(Found.in("IBAN: " + iban + ". Thanks")).containsExactly("IBAN=" + iban);
  }

  @Test
  void anIbanStopsAtItsCountrysLength() {
    assertThat(Found.in("pay DE89 3704 0044 0532 0130 00 BIC COBADEFFXXX"))
        .containsExactly("IBAN=DE89 3704 0044 0532 0130 00");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "GB82WEST12345698765433", // mod-97 invalid
        "DE89370400440532013001",
        "DE88370400440532013000",
        "XX89370400440532013000", // no such country
        "DE8937040044053201300", // one short
        "AB12CDEF34567890123456" // looks like one, is a product code
      })
  void refusesIbanLookAlikes(String text) {
    assertThat(Found.in("ref " + text)).noneMatch(s -> s.startsWith("IBAN"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"123-45-6789", "123 45 6789", "078-05-1120", "899-99-9999"})
  void findsDashedOrSpacedSsns(String ssn) {
    assertThat(Found.in("SSN on file: " + ssn)).containsExactly("US_SSN=" + ssn);
    assertThat(Found.in("employee " + ssn + " joined")).containsExactly("US_SSN=" + ssn);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "000-12-3456", // area 000
        "666-12-3456", // area 666
        "900-12-3456", // area 900-999
        "999-12-3456",
        "123-00-4567", // group 00
        "123-45-0000", // serial 0000
        "123-45 6789", // mixed separators
        "1234-56-7890",
        "sizes 10 100 20 3000 40", // a row of numbers
        "1-100-20-3000"
      })
  void refusesInvalidSsns(String text) {
    assertThat(Found.in("SSN " + text)).noneMatch(s -> s.startsWith("US_SSN"));
  }

  @Test
  void aBareNineDigitNumberIsAnSsnOnlyAfterAKeyword() {
    assertThat(Found.in("SSN: 123456789")).containsExactly("US_SSN=123456789");
    assertThat(Found.in("her social security number is 078051120"))
        .containsExactly("US_SSN=078051120");
    assertThat(Found.in("order 123456789 shipped")).isEmpty();
    assertThat(Found.in("SSN unknown; see the forty-character-long note, ref 123456789")).isEmpty();
    assertThat(Found.in("ssn 666456789")).isEmpty();
  }
}
