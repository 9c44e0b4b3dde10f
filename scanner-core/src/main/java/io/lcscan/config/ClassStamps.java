package io.lcscan.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.util.List;
import java.util.jar.JarEntry;

/**
 * The fingerprint of the code that wrote a build-time store: the name, size and CRC-32 of each
 * class that shapes it. In a jar, sizes and CRC-32s come from the jar's directory, so no class is
 * read; on a folder (tests, an IDE) the classes are read. A store is trusted no further than that.
 */
public final class ClassStamps {
  private ClassStamps() {}

  /**
   * One line per class of {@code classFiles} ({@code a/b/C.class}), found by {@code loader}: name,
   * size and CRC-32 in hex, or the name and {@code absent}; {@code format} first.
   */
  public static String of(ClassLoader loader, int format, List<String> classFiles) {
    StringBuilder text = new StringBuilder().append(format);
    for (String name : classFiles) {
      text.append('\n').append(name).append(' ');
      URL url = loader.getResource(name);
      if (url == null) {
        text.append("absent");
        continue;
      }
      ConfigSource.FileStamp stamp = stamp(url);
      text.append(stamp.size()).append(' ').append(Long.toHexString(stamp.crc()));
    }
    return text.toString();
  }

  private static ConfigSource.FileStamp stamp(URL url) {
    try {
      URLConnection connection = url.openConnection();
      if (connection instanceof JarURLConnection jar) {
        // the class loader has this jar open already; its directory holds size and CRC-32
        JarEntry entry = jar.getJarEntry();
        if (entry != null && entry.getSize() >= 0 && entry.getCrc() >= 0) {
          return new ConfigSource.FileStamp(entry.getSize(), entry.getCrc());
        }
      }
      try (InputStream in = connection.getInputStream()) {
        return ConfigSource.FileStamp.of(in.readAllBytes());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
