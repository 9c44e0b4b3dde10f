package io.lcscan.config;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLConnection;
import java.util.Arrays;
import java.util.Optional;

/**
 * Reads a file whose size is known beforehand (from a jar's directory) into one array of that size.
 * {@link InputStream#readAllBytes()} reads in small chunks and copies them into a final array,
 * touching twice the memory, which the build-time stores of a megabyte each felt on every run.
 */
public final class ResourceBytes {
  private ResourceBytes() {}

  /** The bytes of a classpath resource, or empty when there is none. */
  public static Optional<byte[]> read(ClassLoader loader, String name) throws IOException {
    URL url = loader.getResource(name);
    if (url == null) {
      return Optional.empty();
    }
    URLConnection connection = url.openConnection();
    long size = connection.getContentLengthLong();
    try (InputStream in = connection.getInputStream()) {
      return Optional.of(read(in, size));
    }
  }

  /**
   * All of {@code in}; {@code size} is what it is expected to hold (negative when unknown). A
   * stream shorter or longer than that is still read whole.
   */
  public static byte[] read(InputStream in, long size) throws IOException {
    if (size < 0 || size > Integer.MAX_VALUE - 16) {
      return in.readAllBytes();
    }
    byte[] bytes = new byte[(int) size];
    int read = in.readNBytes(bytes, 0, bytes.length);
    if (read < bytes.length) {
      return Arrays.copyOf(bytes, read);
    }
    int next = in.read();
    if (next < 0) {
      return bytes;
    }
    ByteArrayOutputStream more = new ByteArrayOutputStream(bytes.length * 2);
    more.write(bytes);
    more.write(next);
    in.transferTo(more);
    return more.toByteArray();
  }
}
