package io.lcscan.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@link ResourceBytes} reads a stream whole whatever size it was told to expect. */
class TestResourceBytes {
  private static final byte[] TEXT = "settings: {}\nmore: lines\n".getBytes(StandardCharsets.UTF_8);

  @Test
  void theExpectedSizeGivesTheWholeStream() throws IOException {
    assertThat(ResourceBytes.read(new ByteArrayInputStream(TEXT), TEXT.length)).isEqualTo(TEXT);
  }

  @Test
  void aWrongOrUnknownSizeStillGivesTheWholeStream() throws IOException {
    for (long size : new long[] {-1, 0, 1, TEXT.length - 1, TEXT.length + 1, 1000}) {
      assertThat(ResourceBytes.read(new ByteArrayInputStream(TEXT), size))
          .as("size %d", size)
          .isEqualTo(TEXT);
    }
    assertThat(ResourceBytes.read(new ByteArrayInputStream(new byte[0]), 10)).isEmpty();
  }

  @Test
  void aClasspathResourceIsReadWholeOrIsAbsent() throws IOException {
    ClassLoader loader = TestResourceBytes.class.getClassLoader();
    byte[] expected;
    try (var in = loader.getResourceAsStream("lcscan-config/settings.yaml")) {
      expected = in.readAllBytes();
    }
    assertThat(ResourceBytes.read(loader, "lcscan-config/settings.yaml")).contains(expected);
    // a class of a dependency jar: the size comes from the jar's directory
    String inJar = "dev/cel/runtime/CelRuntime.class";
    byte[] jarBytes;
    try (var in = loader.getResourceAsStream(inJar)) {
      jarBytes = in.readAllBytes();
    }
    assertThat(ResourceBytes.read(loader, inJar)).contains(jarBytes);
    assertThat(ResourceBytes.read(loader, "lcscan-config/no-such-file.yaml")).isEmpty();
  }
}
