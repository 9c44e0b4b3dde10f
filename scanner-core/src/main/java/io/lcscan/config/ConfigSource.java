package io.lcscan.config;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * Where the configuration comes from: the copy bundled in the jar, or a folder of the same layout
 * as {@code config/}. Paths are relative, with {@code /} separators: {@code
 * controls/disposal/LC-DISP-02.yaml}.
 */
public interface ConfigSource {

  /** Files under {@code folder} (recursively), as paths relative to the config root, sorted. */
  List<String> list(String folder);

  /** A file's bytes, or empty when it does not exist. */
  Optional<byte[]> read(String path);

  /** How messages name the file. */
  String displayName(String path);

  /**
   * The configuration shipped in the jar under {@code lcscan-config/}, named {@code config/...}.
   */
  static ConfigSource bundled() {
    return new ClasspathSource("lcscan-config", ConfigSource.class.getClassLoader());
  }

  /** A configuration folder on disk; files are named by their path. */
  static ConfigSource directory(Path root) {
    return new DirectorySource(root);
  }

  /** A folder on disk. */
  final class DirectorySource implements ConfigSource {
    private final Path root;
    private final String prefix;

    DirectorySource(Path root) {
      this(root, null);
    }

    DirectorySource(Path root, String prefix) {
      this.root = requireNonNull(root, "root is null");
      this.prefix = prefix;
    }

    @Override
    public List<String> list(String folder) {
      Path start = root.resolve(folder);
      if (!Files.isDirectory(start)) {
        return List.of();
      }
      try (Stream<Path> files = Files.walk(start)) {
        return files
            .filter(Files::isRegularFile)
            .map(file -> root.relativize(file).toString().replace(java.io.File.separatorChar, '/'))
            .sorted()
            .toList();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public Optional<byte[]> read(String path) {
      Path file = root.resolve(path);
      if (!Files.isRegularFile(file)) {
        return Optional.empty();
      }
      try {
        return Optional.of(Files.readAllBytes(file));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public String displayName(String path) {
      return prefix != null ? prefix + "/" + path : root.resolve(path).toString();
    }

    @Override
    public String toString() {
      return root.toString();
    }
  }

  /**
   * A folder on the classpath, in a directory (tests) or a jar (the distribution).
   *
   * <p>In a jar the files are listed from {@link #INDEX}, which the build writes beside the catalog
   * ({@code CatalogPrecompiler}), rather than by walking every entry of the jar: the distribution
   * has tens of thousands. Without a usable index (a jar built with {@code
   * -Dlcscan.precompile.skip=true}, a damaged one, or one naming an entry the jar lacks) the jar is
   * walked as before. A directory is always walked: that is cheap, and an IDE may copy an edited
   * catalog without running the build step.
   */
  final class ClasspathSource implements ConfigSource {
    /** The index of the files under the configuration root, relative to it. */
    public static final String INDEX = "file-index.txt";

    /** The first line of {@link #INDEX}. */
    public static final String INDEX_HEADER = "# lcscan configuration files, format 1";

    private final String base;
    private final ClassLoader classLoader;
    private final List<String> files;
    // where the files are, for stamps: a folder, or the jar entries' size and CRC-32
    private Path directory;
    private final Map<String, FileStamp> jarStamps = new HashMap<>();
    private boolean indexed;

    ClasspathSource(String base, ClassLoader classLoader) {
      this.base = requireNonNull(base, "base is null");
      this.classLoader = requireNonNull(classLoader, "classLoader is null");
      this.files = scan();
    }

    private List<String> scan() {
      URL marker = classLoader.getResource(base + "/settings.yaml");
      if (marker == null) {
        return List.of();
      }
      try {
        if ("file".equals(marker.getProtocol())) {
          directory = Path.of(marker.toURI()).getParent();
          return new DirectorySource(directory).list("");
        }
        if ("jar".equals(marker.getProtocol())) {
          JarURLConnection connection = (JarURLConnection) marker.openConnection();
          connection.setUseCaches(false);
          try (JarFile jar = connection.getJarFile()) {
            List<String> names = fromIndex(jar);
            indexed = names != null;
            return names != null ? names : walk(jar);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (URISyntaxException e) {
        throw new IllegalStateException(e);
      }
      throw new IllegalStateException("cannot list " + marker);
    }

    /** The files the index names, or null when it is missing or does not fit the jar. */
    private List<String> fromIndex(JarFile jar) throws IOException {
      JarEntry index = jar.getJarEntry(base + "/" + INDEX);
      if (index == null) {
        return null;
      }
      String text;
      try (InputStream in = jar.getInputStream(index)) {
        text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      List<String> lines = text.lines().toList();
      if (lines.isEmpty() || !lines.get(0).equals(INDEX_HEADER)) {
        return null;
      }
      List<String> names = new ArrayList<>(lines.size() - 1);
      for (String name : lines.subList(1, lines.size())) {
        JarEntry entry = name.isEmpty() ? null : jar.getJarEntry(base + "/" + name);
        if (entry == null || entry.isDirectory()) {
          jarStamps.clear();
          return null;
        }
        names.add(name);
        jarStamps.put(name, new FileStamp(entry.getSize(), entry.getCrc()));
      }
      return names.stream().sorted().toList();
    }

    private List<String> walk(JarFile jar) {
      List<String> names = new ArrayList<>();
      for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
        JarEntry entry = entries.nextElement();
        if (!entry.isDirectory() && entry.getName().startsWith(base + "/")) {
          String name = entry.getName().substring(base.length() + 1);
          names.add(name);
          jarStamps.put(name, new FileStamp(entry.getSize(), entry.getCrc()));
        }
      }
      return names.stream().sorted().toList();
    }

    /** Whether the files were listed from the build's index rather than by walking the jar. */
    boolean listedFromIndex() {
      return indexed;
    }

    /**
     * The size and CRC-32 of a file, from the jar's directory or by reading it; empty when it is
     * not there.
     */
    Optional<FileStamp> stamp(String path) {
      if (directory == null) {
        return Optional.ofNullable(jarStamps.get(path));
      }
      return new DirectorySource(directory).read(path).map(FileStamp::of);
    }

    @Override
    public List<String> list(String folder) {
      String prefix = folder.isEmpty() || folder.endsWith("/") ? folder : folder + "/";
      return files.stream().filter(file -> file.startsWith(prefix)).toList();
    }

    @Override
    public Optional<byte[]> read(String path) {
      try (InputStream in = classLoader.getResourceAsStream(base + "/" + path)) {
        FileStamp stamp = directory == null ? jarStamps.get(path) : null;
        return in == null
            ? Optional.empty()
            : Optional.of(ResourceBytes.read(in, stamp == null ? -1 : stamp.size()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public String displayName(String path) {
      return "config/" + path;
    }

    @Override
    public String toString() {
      return "bundled config";
    }
  }

  /** A file's size and CRC-32: what a jar's directory says of an entry without reading it. */
  record FileStamp(long size, long crc) {
    static FileStamp of(byte[] bytes) {
      CRC32 crc = new CRC32();
      crc.update(bytes);
      return new FileStamp(bytes.length, crc.getValue());
    }
  }
}
