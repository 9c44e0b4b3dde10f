package io.lcscan.cli;

import static java.util.Objects.requireNonNull;

import com.google.inject.Inject;
import io.lcscan.config.ConfigSource;
import io.lcscan.engine.ScanResult;
import io.lcscan.report.Renderers;
import io.lcscan.report.ReportModel;
import io.lcscan.spi.Inventory;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Writes an evidence bundle ({@link EvidenceBundle}) for {@code --evidence DIR}. Everything is
 * written into a temporary folder beside DIR and renamed into place only when complete, so DIR
 * either holds a whole bundle or is left as it was. DIR must be new or empty: a bundle is evidence,
 * and lcscan never deletes or replaces one.
 */
public final class EvidenceWriter {

  private final Renderers renderers;

  @Inject
  public EvidenceWriter(Renderers renderers) {
    this.renderers = requireNonNull(renderers, "renderers is null");
  }

  /**
   * What goes into a bundle.
   *
   * @param inventoryJson {@code inventory.json} exactly as the findings were evaluated from it
   * @param raw redacted raw responses by name, relative to {@code raw/}
   * @param config the configuration the findings were evaluated with
   */
  record Contents(
      byte[] inventoryJson,
      Inventory inventory,
      ReportModel model,
      Map<String, byte[]> raw,
      ConfigSource config) {
    Contents {
      requireNonNull(inventoryJson, "inventoryJson is null");
      requireNonNull(inventory, "inventory is null");
      requireNonNull(model, "model is null");
      raw = Map.copyOf(raw);
      requireNonNull(config, "config is null");
    }
  }

  /** A bundle in place: how many files the manifest lists and the manifest's own SHA-256. */
  record Written(Path directory, int files, String manifestSha256) {}

  /** Refuses a target that is not new or an empty directory, before any work is done. */
  static void checkTarget(Path directory) {
    if (!Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    if (!Files.isDirectory(directory)) {
      throw new UsageException(
          directory + ": exists and is not a directory; --evidence needs a new or empty directory");
    }
    if (!isEmptyDirectory(directory)) {
      throw new UsageException(
          directory
              + ": exists and is not empty; --evidence writes a new bundle into a new or empty"
              + " directory and never replaces one");
    }
  }

  Written write(Path directory, Contents contents) {
    checkTarget(directory);
    Path target = directory.toAbsolutePath().normalize();
    Path parent = target.getParent();
    if (parent == null) {
      throw new UsageException(directory + ": --evidence needs a directory below the root");
    }
    Path temporary = null;
    try {
      Files.createDirectories(parent);
      // beside the target, so the final rename stays on one file system
      temporary = parent.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
      Files.createDirectory(temporary);
      Written written = fill(temporary, contents, directory);
      moveIntoPlace(temporary, target, directory);
      return written;
    } catch (IOException | UncheckedIOException e) {
      deleteQuietly(temporary, e);
      throw new UsageException(directory + ": cannot write the evidence bundle: " + describe(e), e);
    } catch (RuntimeException | Error e) {
      deleteQuietly(temporary, e);
      throw e;
    }
  }

  /** Writes every file into the folder, the manifest last. */
  private Written fill(Path root, Contents contents, Path directory) throws IOException {
    Map<String, EvidenceBundle.FileEntry> files = new TreeMap<>();
    ReportModel model = contents.model();
    write(root, EvidenceBundle.INVENTORY, out -> out.write(contents.inventoryJson()), files);
    write(root, EvidenceBundle.FINDINGS, out -> renderers.get("json").render(model, out), files);
    write(
        root,
        EvidenceBundle.CALLS,
        out -> out.write(InventoryJson.calls(contents.inventory().calls())),
        files);
    write(root, EvidenceBundle.REPORT, out -> renderers.get("html").render(model, out), files);
    for (Map.Entry<String, byte[]> raw : rawFiles(contents.raw()).entrySet()) {
      write(root, raw.getKey(), out -> out.write(raw.getValue()), files);
    }
    for (String path : configFiles(contents.config())) {
      byte[] bytes = contents.config().read(path).orElse(null);
      if (bytes != null) {
        write(root, EvidenceBundle.CONFIG + "/" + path, out -> out.write(bytes), files);
      }
    }
    ScanResult result = model.result();
    EvidenceManifest manifest =
        new EvidenceManifest(
            VersionProvider.toolVersion(),
            result.catalogVersion(),
            result.catalogDigest(),
            model.language(),
            result.evaluatedAt(),
            result.complete(),
            result.metadata(),
            new ArrayList<>(files.values()));
    byte[] json = manifest.toJson();
    Files.write(root.resolve(EvidenceBundle.MANIFEST), json, StandardOpenOption.CREATE_NEW);
    return new Written(directory, files.size(), EvidenceBundle.sha256(json));
  }

  /**
   * Raw responses by their path in the bundle: names made safe ({@link EvidenceBundle#rawName}),
   * and a name that two responses share after that gets a {@code ~2}, {@code ~3} suffix.
   */
  static Map<String, byte[]> rawFiles(Map<String, byte[]> raw) {
    Map<String, byte[]> result = new TreeMap<>();
    Set<String> used = new HashSet<>();
    for (String name : new TreeMap<>(raw).keySet()) {
      String base = EvidenceBundle.RAW + "/" + EvidenceBundle.rawName(name);
      String path = base;
      for (int n = 2; !used.add(path); n++) {
        path = base + "~" + n;
      }
      result.put(path, raw.get(name));
    }
    return result;
  }

  /** The configuration files the loader reads, as paths relative to the configuration root. */
  private static List<String> configFiles(ConfigSource config) {
    List<String> paths = new ArrayList<>();
    for (String file : EvidenceBundle.CONFIG_FILES) {
      if (config.read(file).isPresent()) {
        paths.add(file);
      }
    }
    for (String folder : EvidenceBundle.CONFIG_FOLDERS) {
      paths.addAll(config.list(folder));
    }
    for (String path : paths) {
      String unsafe = EvidenceBundle.unsafePath(path);
      if (unsafe != null) {
        throw new UsageException(config.displayName(path) + ": cannot be bundled: path " + unsafe);
      }
    }
    return paths;
  }

  private interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  private static void write(
      Path root, String path, Content content, Map<String, EvidenceBundle.FileEntry> files)
      throws IOException {
    String unsafe = EvidenceBundle.unsafePath(path);
    if (unsafe != null) {
      throw new IllegalArgumentException("bundle path " + path + " " + unsafe);
    }
    Path file = root.resolve(path);
    Files.createDirectories(file.getParent());
    MessageDigest sha = EvidenceBundle.sha256();
    long size;
    try (HashingOutputStream hashing =
            new HashingOutputStream(
                Files.newOutputStream(file, StandardOpenOption.CREATE_NEW), sha);
        OutputStream out = new BufferedOutputStream(hashing, 64 * 1024)) {
      content.writeTo(out);
      out.flush();
      size = hashing.count;
    }
    files.put(path, new EvidenceBundle.FileEntry(path, size, EvidenceBundle.hex(sha.digest())));
  }

  private static void moveIntoPlace(Path temporary, Path target, Path named) throws IOException {
    try {
      move(temporary, target);
    } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
      // an empty directory the platform would not replace; anything else appeared meanwhile
      checkTarget(named);
      Files.delete(target);
      move(temporary, target);
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to);
    }
  }

  private static boolean isEmptyDirectory(Path directory) {
    try (Stream<Path> entries = Files.list(directory)) {
      return entries.findAny().isEmpty();
    } catch (IOException e) {
      throw new UsageException(directory + ": cannot list: " + describe(e), e);
    }
  }

  private static void deleteQuietly(Path root, Throwable cause) {
    if (root == null || !Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException | UncheckedIOException e) {
      cause.addSuppressed(e);
    }
  }

  private static String describe(Exception e) {
    Throwable cause = e instanceof UncheckedIOException unchecked ? unchecked.getCause() : e;
    String message = cause.getMessage();
    String kind = cause.getClass().getSimpleName().replace("Exception", "");
    return message == null ? kind : kind + " " + message;
  }

  /** Counts and hashes what passes through, so a file is never read back to hash it. */
  private static final class HashingOutputStream extends FilterOutputStream {
    private final MessageDigest sha;
    private long count;

    HashingOutputStream(OutputStream out, MessageDigest sha) {
      super(out);
      this.sha = sha;
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      sha.update((byte) b);
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      sha.update(b, off, len);
      count += len;
    }
  }
}
