package io.lcscan.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The layout of an evidence bundle and the checks on it: which file is where, how a file's digest
 * is computed, which names are safe to write, and how a bundle is compared with its manifest.
 *
 * <pre>
 * manifest.json    tool and catalog versions, identity, scope, times, and a SHA-256 of every file
 * inventory.json   the normalized inventory, as lcscan evaluate reads it
 * findings.json    the JSON report
 * calls.jsonl      the call log, one API call per line
 * report.html      the HTML report
 * raw/...          the redacted raw API responses of a live scan
 * config/...       the configuration the findings were evaluated with (catalog, settings,
 *                  register, waivers, attestations)
 * </pre>
 */
final class EvidenceBundle {

  static final String MANIFEST = "manifest.json";
  static final String INVENTORY = "inventory.json";
  static final String FINDINGS = "findings.json";
  static final String CALLS = "calls.jsonl";
  static final String REPORT = "report.html";
  static final String RAW = "raw";
  static final String CONFIG = "config";

  /** The configuration files the loader reads at the top of a configuration directory. */
  static final List<String> CONFIG_FILES =
      List.of("settings.yaml", "approved-services.yaml", "waivers.yaml", "attestations.yaml");

  /** The configuration folders the loader reads, recursively. */
  static final List<String> CONFIG_FOLDERS = List.of("controls", "frameworks", "types");

  private EvidenceBundle() {}

  /** One file of a bundle as the manifest records it. */
  record FileEntry(String path, long size, String sha256) {}

  /** A difference between a bundle and its manifest. */
  record Problem(String kind, String path) {
    static final String CHANGED = "changed";
    static final String MISSING = "missing";
    static final String ADDED = "added";

    @Override
    public String toString() {
      return kind + ": " + path;
    }
  }

  /**
   * Why a bundle path is unsafe to write or to read, or null when it is a plain relative path:
   * {@code /}-separated, no empty, {@code .} or {@code ..} segment, no backslash or control
   * character.
   */
  static String unsafePath(String path) {
    if (path == null || path.isEmpty()) {
      return "is empty";
    }
    if (path.startsWith("/")) {
      return "is absolute";
    }
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c == '\\' || c < 0x20 || c == 0x7f) {
        return "has a backslash or a control character";
      }
    }
    for (String segment : path.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        return "has an empty, '.' or '..' segment";
      }
    }
    if (path.length() > 1 && path.charAt(1) == ':') {
      return "starts with a drive letter";
    }
    return null;
  }

  /**
   * A raw response's name made safe to write under {@code raw/}: each segment keeps letters,
   * digits, {@code .}, {@code _}, {@code -}, {@code =} and {@code ~}; anything else becomes {@code
   * _}; empty segments are dropped and a segment of dots becomes underscores, so no name can climb
   * out of the folder. Names come from collectors, but parts of them (a bucket, a resource group)
   * are chosen by whoever owns the account.
   */
  static String rawName(String name) {
    List<String> segments = new ArrayList<>();
    for (String segment : name.split("[/\\\\]")) {
      if (segment.isEmpty()) {
        continue;
      }
      StringBuilder safe = new StringBuilder(segment.length());
      for (int i = 0; i < segment.length(); i++) {
        char c = segment.charAt(i);
        boolean plain =
            (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || c == '.'
                || c == '_'
                || c == '-'
                || c == '='
                || c == '~';
        safe.append(plain ? c : '_');
      }
      String text = safe.toString();
      if (text.chars().allMatch(c -> c == '.')) {
        text = "_".repeat(text.length());
      }
      // one segment stays within the 255 bytes every common file system allows
      if (text.length() > 200) {
        text = text.substring(0, 200);
      }
      segments.add(text);
    }
    return segments.isEmpty() ? "_" : String.join("/", segments);
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this Java", e);
    }
  }

  static String hex(byte[] digest) {
    return HexFormat.of().formatHex(digest);
  }

  static String sha256(byte[] content) {
    return hex(sha256().digest(content));
  }

  /** The size and SHA-256 of a file, read in blocks so a large raw response is never held. */
  static FileEntry hash(Path root, String path) throws IOException {
    MessageDigest sha = sha256();
    long size = 0;
    byte[] buffer = new byte[64 * 1024];
    try (InputStream in = Files.newInputStream(root.resolve(path), LinkOption.NOFOLLOW_LINKS)) {
      for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
        sha.update(buffer, 0, read);
        size += read;
      }
    }
    return new FileEntry(path, size, hex(sha.digest()));
  }

  /**
   * Compares a bundle with its manifest: every listed file that is missing or differs (in size or
   * SHA-256, or is no longer a regular file), and every file present but not listed. Sorted by
   * path.
   */
  static List<Problem> verify(Path root, List<FileEntry> files) {
    return verify(root, files, path -> true);
  }

  /** Like {@link #verify(Path, List)}, for the paths {@code scope} accepts only. */
  static List<Problem> verify(Path root, List<FileEntry> files, Predicate<String> scope) {
    List<Problem> problems = new ArrayList<>();
    Set<String> listed = new HashSet<>();
    for (FileEntry entry : files) {
      listed.add(entry.path());
      if (!scope.test(entry.path())) {
        continue;
      }
      Path file = root.resolve(entry.path());
      if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
        problems.add(new Problem(Problem.MISSING, entry.path()));
        continue;
      }
      if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
        problems.add(new Problem(Problem.CHANGED, entry.path()));
        continue;
      }
      try {
        FileEntry actual = hash(root, entry.path());
        if (actual.size() != entry.size() || !actual.sha256().equals(entry.sha256())) {
          problems.add(new Problem(Problem.CHANGED, entry.path()));
        }
      } catch (IOException e) {
        // unreadable is as good as changed: the content cannot be shown to be the recorded one
        problems.add(new Problem(Problem.CHANGED, entry.path()));
      }
    }
    for (String path : present(root)) {
      if (!path.equals(MANIFEST) && !listed.contains(path) && scope.test(path)) {
        problems.add(new Problem(Problem.ADDED, path));
      }
    }
    problems.sort(Comparator.comparing(Problem::path).thenComparing(Problem::kind));
    return problems;
  }

  /** Every file, link or other non-directory entry under the root, as a relative path. */
  static List<String> present(Path root) {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(path -> !Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS))
          .map(path -> root.relativize(path).toString().replace(java.io.File.separatorChar, '/'))
          .sorted()
          .toList();
    } catch (IOException | UncheckedIOException e) {
      throw new UsageException(root + ": cannot list the bundle: " + e.getMessage(), e);
    }
  }

  /** A lower-case hex SHA-256, as the manifest writes it. */
  static boolean isSha256(String text) {
    return text != null
        && text.length() == 64
        && text.equals(text.toLowerCase(Locale.ROOT))
        && text.chars().allMatch(c -> Character.digit(c, 16) >= 0);
  }
}
