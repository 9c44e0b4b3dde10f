package io.lcscan.config;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

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

  /** A folder on the classpath, in a directory (tests) or a jar (the distribution). */
  final class ClasspathSource implements ConfigSource {
    private final String base;
    private final ClassLoader classLoader;
    private final List<String> files;

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
          Path root = Path.of(marker.toURI()).getParent();
          return new DirectorySource(root).list("");
        }
        if ("jar".equals(marker.getProtocol())) {
          JarURLConnection connection = (JarURLConnection) marker.openConnection();
          connection.setUseCaches(false);
          List<String> names = new ArrayList<>();
          try (JarFile jar = connection.getJarFile()) {
            for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
              JarEntry entry = entries.nextElement();
              if (!entry.isDirectory() && entry.getName().startsWith(base + "/")) {
                names.add(entry.getName().substring(base.length() + 1));
              }
            }
          }
          return names.stream().sorted().toList();
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (URISyntaxException e) {
        throw new IllegalStateException(e);
      }
      throw new IllegalStateException("cannot list " + marker);
    }

    @Override
    public List<String> list(String folder) {
      String prefix = folder.isEmpty() || folder.endsWith("/") ? folder : folder + "/";
      return files.stream().filter(file -> file.startsWith(prefix)).toList();
    }

    @Override
    public Optional<byte[]> read(String path) {
      try (InputStream in = classLoader.getResourceAsStream(base + "/" + path)) {
        return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
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
}
