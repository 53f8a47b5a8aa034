package dev.switchboard.account.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.account.ApiKey;
import dev.switchboard.account.IssuedKey;
import dev.switchboard.policy.DataClass;
import dev.switchboard.storage.sqlite.SqliteDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqlKeyStoreTest {
  @TempDir Path dir;
  private SqliteDatabase db;
  private SqlKeyStore store;

  @BeforeEach
  void open() {
    db = SqliteDatabase.open(dir.resolve("keys.db"));
    store = SqlKeyStore.of(db);
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void createsAKey_whoseSecretIsFoundOnlyByItsHash() {
    IssuedKey issued = store.create("cline", OptionalLong.of(5_000_000));

    assertThat(issued.secret()).startsWith("sk-sb-v1-");
    assertThat(issued.toString()).doesNotContain(issued.secret());
    ApiKey key = issued.key();
    assertThat(key.id()).startsWith("key_");
    assertThat(key.hint()).isEqualTo(issued.secret().substring(0, 13) + "…");
    assertThat(key.limitMicros()).hasValue(5_000_000);
    assertThat(key.spentMicros()).isZero();
    assertThat(key.active()).isTrue();
    assertThat(store.findByHash(store.hasher().hash(issued.secret()))).contains(key);
    assertThat(store.findByHash(store.hasher().hash(issued.secret() + "x"))).isEmpty();
  }

  @Test
  void keepsAKeysDefaultDataClass_throughListRevokeAndLookup() {
    IssuedKey hr =
        store.create("hr-bot", OptionalLong.empty(), Optional.of(DataClass.CONFIDENTIAL));
    IssuedKey docs = store.create("docs-bot", OptionalLong.empty());

    assertThat(hr.key().dataClass()).contains(DataClass.CONFIDENTIAL);
    assertThat(docs.key().dataClass()).isEmpty();
    assertThat(store.findByHash(store.hasher().hash(hr.secret()))).contains(hr.key());
    assertThat(store.findByHash(store.hasher().hash(docs.secret()))).contains(docs.key());
    assertThat(store.list())
        .extracting(ApiKey::dataClass)
        .containsExactly(Optional.of(DataClass.CONFIDENTIAL), Optional.empty());
    assertThat(store.revoke("hr-bot").orElseThrow().dataClass()).contains(DataClass.CONFIDENTIAL);
  }

  @Test
  void aKeyWithNoClassStored_hasNone_andTheTableRefusesUnknownClasses() throws Exception {
    IssuedKey old = store.create("old", OptionalLong.empty());
    try (var c = db.connection();
        var update = c.createStatement()) {
      update.execute("UPDATE api_keys SET data_class = NULL");
      assertThatThrownBy(() -> update.execute("UPDATE api_keys SET data_class = 'secret'"))
          .as("the table refuses a class that does not exist")
          .isInstanceOf(java.sql.SQLException.class);
    }
    assertThat(store.findByHash(store.hasher().hash(old.secret())).orElseThrow().dataClass())
        .isEmpty();
  }

  @Test
  void storesNoRawSecret_anywhereInTheFiles() throws IOException {
    List<String> secrets = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      secrets.add(store.create("key " + i, OptionalLong.empty()).secret());
    }
    String withWal = filesContent(); // before close: rows may still be only in the WAL
    db.close();
    String checkpointed = filesContent();

    for (String secret : secrets) {
      String randomPart = secret.substring("sk-sb-v1-".length());
      assertThat(withWal).doesNotContain(randomPart);
      assertThat(checkpointed).doesNotContain(randomPart);
      assertThat(checkpointed).contains(store.hasher().hash(secret)); // the scan does see the rows
    }
  }

  @Test
  void hashesAreUnique_andTheSaltIsSharedByEveryStoreOnTheFile() {
    IssuedKey a = store.create("a", OptionalLong.empty());
    IssuedKey b = store.create("b", OptionalLong.empty());
    try (SqliteDatabase again = SqliteDatabase.open(dir.resolve("keys.db"))) {
      SqlKeyStore other = SqlKeyStore.of(again);
      assertThat(other.hasher().hash(a.secret())).isEqualTo(store.hasher().hash(a.secret()));
      assertThat(other.findByHash(other.hasher().hash(b.secret()))).contains(b.key());
    }
    try (SqliteDatabase elsewhere = SqliteDatabase.open(dir.resolve("other.db"))) {
      assertThat(SqlKeyStore.of(elsewhere).hasher().hash(a.secret()))
          .as("another installation has another salt")
          .isNotEqualTo(store.hasher().hash(a.secret()));
    }
    HashSet<String> hashes = new HashSet<>();
    for (int i = 0; i < 50; i++) {
      hashes.add(store.hasher().hash(store.create("n" + i, OptionalLong.empty()).secret()));
    }
    assertThat(hashes).hasSize(50);
  }

  @Test
  void listsAllKeys_oldestFirst_includingRevoked() {
    ApiKey first = store.create("first", OptionalLong.empty()).key();
    ApiKey second = store.create("second", OptionalLong.of(0)).key();
    store.revoke("first");

    List<ApiKey> keys = store.list();

    assertThat(keys).extracting(ApiKey::id).containsExactlyInAnyOrder(first.id(), second.id());
    assertThat(keys).filteredOn(ApiKey::active).extracting(ApiKey::name).containsExactly("second");
  }

  @Test
  void revokesByIdOrName_onlyActiveKeys() {
    IssuedKey byId = store.create("by-id", OptionalLong.empty());
    IssuedKey byName = store.create("by-name", OptionalLong.empty());

    assertThat(store.revoke(byId.key().id()))
        .hasValueSatisfying(
            k -> {
              assertThat(k.id()).isEqualTo(byId.key().id());
              assertThat(k.active()).isFalse();
            });
    assertThat(store.revoke("by-name"))
        .hasValueSatisfying(k -> assertThat(k.id()).isEqualTo(byName.key().id()));
    assertThat(store.revoke("by-name")).as("already revoked").isEmpty();
    assertThat(store.revoke("nobody")).isEmpty();
    assertThat(store.findByHash(store.hasher().hash(byName.secret())))
        .hasValueSatisfying(k -> assertThat(k.revokedAt()).isPresent());
  }

  @Test
  void aNameIsUniqueAmongActiveKeys_andFreedByRevocation() {
    ApiKey old = store.create("ci", OptionalLong.empty()).key();

    assertThatThrownBy(() -> store.create("ci", OptionalLong.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ci");
    store.revoke("ci");
    ApiKey replacement = store.create("ci", OptionalLong.empty()).key();

    assertThat(replacement.id()).isNotEqualTo(old.id());
    assertThat(store.revoke("ci"))
        .hasValueSatisfying(k -> assertThat(k.id()).isEqualTo(replacement.id()));
  }

  @Test
  void limitsAreOptional_nonNegative_andCompareWithSpend() {
    assertThatThrownBy(() -> store.create("neg", OptionalLong.of(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    ApiKey unlimited = store.create("free", OptionalLong.empty()).key();
    ApiKey zero = store.create("zero", OptionalLong.of(0)).key();

    assertThat(unlimited.limitMicros()).isEmpty();
    assertThat(unlimited.overLimit()).isFalse();
    assertThat(zero.overLimit()).as("spent 0 >= limit 0").isTrue();
    ApiKey spent =
        new ApiKey("key_x", "x", "h", OptionalLong.of(100), 99, zero.createdAt(), zero.revokedAt());
    assertThat(spent.overLimit()).isFalse();
    assertThat(
            new ApiKey(
                    "key_x",
                    "x",
                    "h",
                    OptionalLong.of(100),
                    100,
                    zero.createdAt(),
                    zero.revokedAt())
                .overLimit())
        .isTrue();
  }

  private String filesContent() throws IOException {
    StringBuilder all = new StringBuilder();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.toList()) {
        all.append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
      }
    }
    return all.toString();
  }
}
