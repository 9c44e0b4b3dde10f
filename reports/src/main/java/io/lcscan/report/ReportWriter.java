package io.lcscan.report;

import static java.util.Objects.requireNonNull;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes reports so that nothing already written is lost: every report is rendered into a temporary
 * file beside its target, and only when all of them rendered are they moved into place. A failed
 * run leaves the previous reports as they were.
 */
public final class ReportWriter {

  /** One report to write: a renderer and the file it goes to. */
  public record Output(Path path, Renderer renderer) {
    public Output {
      requireNonNull(path, "path is null");
      requireNonNull(renderer, "renderer is null");
    }
  }

  public void write(ReportModel model, List<Output> outputs) throws IOException {
    requireNonNull(model, "model is null");
    requireNonNull(outputs, "outputs is null");
    List<Path> temporaries = new ArrayList<>();
    try {
      for (Output output : outputs) {
        temporaries.add(render(model, output));
      }
    } catch (IOException | RuntimeException e) {
      for (Path temporary : temporaries) {
        deleteQuietly(temporary, e);
      }
      throw e;
    }
    for (int i = 0; i < outputs.size(); i++) {
      move(temporaries.get(i), outputs.get(i).path());
    }
  }

  private static Path render(ReportModel model, Output output) throws IOException {
    Path target = output.path().toAbsolutePath();
    Path directory = target.getParent();
    Files.createDirectories(directory);
    // same directory as the target, so the final move is a rename on one file system; not
    // createTempFile, whose owner-only permissions would end up on the report
    Path temporary;
    OutputStream file;
    while (true) {
      // CREATE_NEW makes the name unique; a random UUID would seed SecureRandom for nothing
      temporary =
          directory.resolve(
              "."
                  + target.getFileName()
                  + "."
                  + Long.toHexString(ThreadLocalRandom.current().nextLong())
                  + ".tmp");
      try {
        file =
            Files.newOutputStream(
                temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        break;
      } catch (FileAlreadyExistsException e) {
        // taken: draw another name
      }
    }
    // a report runs to megabytes: 64 KB writes, not the 8 KB default (an eighth of the calls)
    try (OutputStream out = new BufferedOutputStream(file, 64 * 1024)) {
      output.renderer().render(model, out);
    } catch (IOException | RuntimeException e) {
      deleteQuietly(temporary, e);
      throw e;
    }
    return temporary;
  }

  private static void move(Path temporary, Path target) throws IOException {
    try {
      Files.move(
          temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static void deleteQuietly(Path path, Exception cause) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      cause.addSuppressed(e);
    }
  }
}
