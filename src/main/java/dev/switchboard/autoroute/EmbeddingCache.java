package dev.switchboard.autoroute;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Embeddings of training prompts kept on disk between runs, keyed by the SHA-256 of the embedder's
 * {@link Embedder#name} and the text: the embedding is deterministic, so a second {@code router
 * train} or {@code eval} skips the slow part.
 */
final class EmbeddingCache {
  private final Path file;
  private final Map<String, float[]> vectors = new LinkedHashMap<>();
  private boolean dirty;

  private EmbeddingCache(Path file) {
    this.file = file;
  }

  /** The cache in {@code file}, empty when it does not exist yet. */
  static EmbeddingCache open(Path file) throws IOException {
    EmbeddingCache cache = new EmbeddingCache(file);
    if (Files.isRegularFile(file)) {
      try (DataInputStream in =
          new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
        while (true) {
          String key;
          try {
            key = in.readUTF();
          } catch (EOFException end) {
            break;
          }
          float[] vector = new float[in.readInt()];
          for (int i = 0; i < vector.length; i++) {
            vector[i] = in.readFloat();
          }
          cache.vectors.put(key, vector);
        }
      }
    }
    return cache;
  }

  /**
   * The embeddings of {@code texts}, computing (and remembering) the missing ones, on as many
   * threads as there are cores (the embedder runs each on one).
   */
  float[][] embedAll(List<String> texts, Embedder embedder, ProgressListener progress) {
    float[][] out = new float[texts.size()][];
    String[] keys = new String[out.length];
    List<Integer> missing = new java.util.ArrayList<>();
    for (int i = 0; i < out.length; i++) {
      keys[i] = key(embedder.name() + "\n" + texts.get(i));
      out[i] = vectors.get(keys[i]);
      if (out[i] == null) {
        missing.add(i);
      }
    }
    java.util.concurrent.atomic.AtomicInteger done =
        new java.util.concurrent.atomic.AtomicInteger(out.length - missing.size());
    missing.parallelStream()
        .forEach(
            i -> {
              out[i] = embedder.embed(texts.get(i));
              progress.done(done.incrementAndGet(), out.length);
            });
    for (int i : missing) {
      vectors.put(keys[i], out[i]);
      dirty = true;
    }
    if (missing.isEmpty()) {
      progress.done(out.length, out.length);
    }
    return out;
  }

  /** Writes the cache back if anything was added. */
  void save() throws IOException {
    if (!dirty) {
      return;
    }
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Path temp = file.resolveSibling(file.getFileName() + ".tmp");
    try (DataOutputStream out =
        new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(temp)))) {
      for (Map.Entry<String, float[]> entry : vectors.entrySet()) {
        out.writeUTF(entry.getKey());
        out.writeInt(entry.getValue().length);
        for (float v : entry.getValue()) {
          out.writeFloat(v);
        }
      }
    }
    Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    dirty = false;
  }

  private static String key(String text) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Told after each text is embedded (or found), to report progress on long runs. */
  @FunctionalInterface
  interface ProgressListener {
    void done(int count, int total);
  }
}
