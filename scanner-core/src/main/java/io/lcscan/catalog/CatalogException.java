package io.lcscan.catalog;

/**
 * A catalog, config or type file that cannot be used. The message is one line that names the file
 * and line: {@code config/controls/build/LC-BUILD-01.yaml:12: unknown resource type 'aws.s4'}.
 */
public final class CatalogException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final int line;

  public CatalogException(String file, int line, String problem) {
    super(file + (line > 0 ? ":" + line : "") + ": " + problem);
    this.file = file;
    this.line = line;
  }

  public String file() {
    return file;
  }

  public int line() {
    return line;
  }
}
