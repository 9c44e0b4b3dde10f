package io.lcscan.report;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Turns a {@link ReportModel} into one output format. There is one renderer per format, shared by
 * every kind of scan (live, plan, offline evaluation); they are bound in {@link ReportModule}.
 *
 * <p>A renderer writes UTF-8 to {@code out} and does not close it. Given the same model it writes
 * the same bytes, so that reports can be compared and hashed.
 */
public interface Renderer {

  /** The name used with {@code --format}, for example {@code json}. */
  String format();

  /** The file extension used when the report goes to a directory, without the dot. */
  default String extension() {
    return format();
  }

  /**
   * Whether the renderer reads {@link ReportModel#locations()}. Finding them costs a second pass
   * over the input, which a scan skips when no selected renderer needs it.
   */
  default boolean usesSourceLocations() {
    return false;
  }

  void render(ReportModel model, OutputStream out) throws IOException;
}
