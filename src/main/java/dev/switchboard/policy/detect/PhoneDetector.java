package dev.switchboard.policy.detect;

import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.util.List;

/**
 * Phone numbers as libphonenumber finds them at leniency VALID: international numbers anywhere,
 * national ones for each default region (a number valid in several regions is found once).
 */
final class PhoneDetector implements Detector {
  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

  private final List<String> regions;

  PhoneDetector(List<String> regions) {
    for (String region : regions) {
      if (!UTIL.getSupportedRegions().contains(region)) {
        throw new IllegalArgumentException("unknown phone region '" + region + "'");
      }
    }
    this.regions = List.copyOf(regions);
  }

  @Override
  public void find(String text, List<Finding> out) {
    // Duplicates across regions are merged by the scanner's overlap resolution.
    for (String region : regions) {
      for (PhoneNumberMatch match :
          UTIL.findNumbers(text, region, PhoneNumberUtil.Leniency.VALID, Long.MAX_VALUE)) {
        out.add(new Finding(FindingType.PHONE, match.start(), match.end()));
      }
    }
  }
}
