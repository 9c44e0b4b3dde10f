package io.lcscan.report;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestReportWriter {

  @TempDir Path temp;

  private final ReportWriter writer = new ReportWriter();

  @Test
  void writesEveryOutput() throws IOException {
    Path a = temp.resolve("sub/a.txt");
    Path b = temp.resolve("sub/b.txt");

    writer.write(
        ReportFixtures.model("en"),
        List.of(new ReportWriter.Output(a, fixed("a")), new ReportWriter.Output(b, fixed("b"))));

    assertThat(a).hasContent("a");
    assertThat(b).hasContent("b");
    assertThat(files()).containsExactlyInAnyOrder("a.txt", "b.txt");
  }

  @Test
  void replacesAnExistingReport() throws IOException {
    Path a = temp.resolve("a.txt");
    Files.writeString(a, "old");

    writer.write(ReportFixtures.model("en"), List.of(new ReportWriter.Output(a, fixed("new"))));

    assertThat(a).hasContent("new");
  }

  @Test
  void failureKeepsEveryPreviousReport() throws IOException {
    Path a = temp.resolve("a.txt");
    Path b = temp.resolve("b.txt");
    Files.writeString(a, "old a");
    Files.writeString(b, "old b");

    // the first output renders fine; the second fails half way: neither file may change
    assertThatThrownBy(
            () ->
                writer.write(
                    ReportFixtures.model("en"),
                    List.of(
                        new ReportWriter.Output(a, fixed("new a")),
                        new ReportWriter.Output(b, failing()))))
        .isInstanceOf(IOException.class)
        .hasMessage("disk full");

    assertThat(a).hasContent("old a");
    assertThat(b).hasContent("old b");
    assertThat(files()).containsExactlyInAnyOrder("a.txt", "b.txt");
  }

  private List<String> files() throws IOException {
    try (Stream<Path> files = Files.walk(temp)) {
      return files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).toList();
    }
  }

  private static Renderer fixed(String text) {
    return new Renderer() {
      @Override
      public String format() {
        return "fixed";
      }

      @Override
      public void render(ReportModel model, OutputStream out) throws IOException {
        out.write(text.getBytes(UTF_8));
      }
    };
  }

  private static Renderer failing() {
    return new Renderer() {
      @Override
      public String format() {
        return "failing";
      }

      @Override
      public void render(ReportModel model, OutputStream out) throws IOException {
        out.write("half".getBytes(UTF_8));
        throw new IOException("disk full");
      }
    };
  }
}
