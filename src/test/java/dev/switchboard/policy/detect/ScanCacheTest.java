package dev.switchboard.policy.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.wire.ChatRequest;
import dev.switchboard.wire.TestRequests;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An agent's earlier turns are answered from the scan cache with exactly the findings a scan gives,
 * and nothing new in a text can hide behind an earlier scan of it.
 */
class ScanCacheTest {
  private static final String PROSE =
      "The export job reads every row of the report before it writes the file, which is why it"
          + " times out past ten thousand rows. Paging the query and streaming the CSV fixes it. ";
  private static final String FIRST = PROSE + "Mail jane.doe@example.com for access. " + PROSE;
  private static final String SECOND = PROSE + "The card 4111 1111 1111 1111 was charged. " + PROSE;
  private static final String THIRD = PROSE.repeat(3) + "Write to ops@example.org about it.";

  @Test
  void anAgentsNextTurn_getsItsEarlierPartsFromTheCache_withTheSameFindings() {
    Scanner scanner = new Scanner(DetectorConfig.DEFAULTS);
    ChatRequest turn = TestRequests.users("openai", false, FIRST, SECOND);
    ChatRequest next = TestRequests.users("openai", false, FIRST, SECOND, THIRD);

    List<MessageFindings> before = scanner.scan(turn);
    List<MessageFindings> after = scanner.scan(next);

    assertThat(scanner.cachedTexts()).isEqualTo(2);
    assertThat(after).isEqualTo(new Scanner(DetectorConfig.DEFAULTS).scan(next));
    assertThat(after.subList(0, 2)).isEqualTo(before);
    assertThat(after).hasSize(3);
  }

  @Test
  void aTextSeenBefore_atAnotherPlace_isReportedAtItsNewPlace() {
    Scanner scanner = new Scanner(DetectorConfig.DEFAULTS);
    scanner.scan(TestRequests.users("openai", false, FIRST));

    List<MessageFindings> moved = scanner.scan(TestRequests.users("openai", false, THIRD, FIRST));

    assertThat(scanner.cachedTexts()).isEqualTo(1);
    assertThat(moved.get(1).messageIndex()).isEqualTo(1);
    assertThat(moved.get(1).findings()).containsExactlyElementsOf(scanner.scan(FIRST));
  }

  @Test
  void aTextWithOneCharacterMore_isScannedAgain_andWhatItAddsIsFound() {
    Scanner scanner = new Scanner(DetectorConfig.DEFAULTS);
    String clean = PROSE + PROSE + "Reach me at jane.doe@example";
    scanner.scan(TestRequests.users("openai", false, clean));
    assertThat(scanner.scan(clean)).isEmpty();

    List<MessageFindings> changed = scanner.scan(TestRequests.users("openai", false, clean + "."));
    List<MessageFindings> more = scanner.scan(TestRequests.users("openai", false, clean + ".io"));

    assertThat(scanner.cachedTexts()).isZero();
    assertThat(changed).isEmpty();
    assertThat(more)
        .singleElement()
        .extracting(found -> found.findings().getFirst().type())
        .isEqualTo(FindingType.EMAIL);
  }

  @Test
  void aText_isAnsweredFromTheCache_onlyForTheKeyThatSentIt() {
    Scanner scanner = new Scanner(DetectorConfig.DEFAULTS);
    ChatRequest turn = TestRequests.users("openai", false, FIRST);
    long later = System.nanoTime() + 60_000_000_000L; // a minute
    scanner.scan(turn, later, "key-a");

    scanner.scan(turn, later, "key-b");
    assertThat(scanner.cachedTexts()).isZero();
    scanner.scan(turn, later, "key-a");
    assertThat(scanner.cachedTexts()).isEqualTo(1);
  }

  @Test
  void textsBeyondLatin1_andTextsThatLookAlikeInOneByte_haveTheirOwnKeys() {
    ScanCache cache = new ScanCache();
    String latin = "caf\u00e9 ".repeat(ScanCache.MIN_CHARS);
    String wide = "caf\u0165 ".repeat(ScanCache.MIN_CHARS); // \u0165 and \u0065 share a low byte
    String lowByte = "caf\u0065 ".repeat(ScanCache.MIN_CHARS);

    assertThat(cache.keyOf("k", latin)).isEqualTo(cache.keyOf("k", latin));
    assertThat(cache.keyOf("k", wide)).isEqualTo(cache.keyOf("k", wide));
    assertThat(List.of(cache.keyOf("k", latin), cache.keyOf("k", wide), cache.keyOf("k", lowByte)))
        .doesNotHaveDuplicates();
    assertThat(cache.keyOf("k1", latin)).isNotEqualTo(cache.keyOf("k", "1" + latin));
  }

  @Test
  void shortTexts_areScannedEveryTime() {
    Scanner scanner = new Scanner(DetectorConfig.DEFAULTS);
    ChatRequest shortOnes = TestRequests.users("openai", false, "mail a@b.io", "call 555-0100");
    scanner.scan(shortOnes);
    scanner.scan(shortOnes);

    assertThat(scanner.cachedTexts()).isZero();
  }

  @Test
  void theCacheIsBounded_theLeastRecentlyUsedGoesFirst() {
    ScanCache cache = new ScanCache(2);
    ScanCache.Key a = cache.keyOf("", "a".repeat(ScanCache.MIN_CHARS));
    ScanCache.Key b = cache.keyOf("", "b".repeat(ScanCache.MIN_CHARS));
    ScanCache.Key c = cache.keyOf("", "c".repeat(ScanCache.MIN_CHARS));
    cache.keep(a, List.of());
    cache.keep(b, List.of());
    assertThat(cache.kept(a)).isEmpty(); // a is now the most recently used
    cache.keep(c, List.of()); // b goes

    assertThat(cache.size()).isEqualTo(2);
    assertThat(cache.kept(b)).isNull();
    assertThat(cache.kept(a)).isNotNull();
    assertThat(cache.keyOf("", "a".repeat(ScanCache.MIN_CHARS - 1))).isNull();
  }

  @Test
  void aScanThatRanOutOfTime_keepsNothing() {
    Scanner scanner = new Scanner(DetectorConfig.DEFAULTS);
    ChatRequest turn = TestRequests.users("openai", false, FIRST, SECOND);

    assertThatThrownBy(() -> scanner.scan(turn, System.nanoTime() - 1))
        .isInstanceOf(ScanTimeout.class);
    scanner.scan(turn);

    assertThat(scanner.cachedTexts()).isZero();
  }
}
