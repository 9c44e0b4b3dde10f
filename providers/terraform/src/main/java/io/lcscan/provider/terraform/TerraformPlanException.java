package io.lcscan.provider.terraform;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * A plan file lcscan cannot read. The message is one line, {@code file: problem} or {@code
 * file:line:col: problem}, and the CLI exits with code 2 on it. It never quotes the file's content,
 * which may hold secrets.
 */
public final class TerraformPlanException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final String problem;
  private final int line;
  private final int column;

  public TerraformPlanException(Path file, String problem) {
    this(file, 0, 0, problem, null);
  }

  public TerraformPlanException(Path file, int line, int column, String problem, Throwable cause) {
    super(format(file, line, column, problem), cause);
    this.file = requireNonNull(file, "file is null").toString();
    this.problem = requireNonNull(problem, "problem is null");
    this.line = line;
    this.column = column;
  }

  private static String format(Path file, int line, int column, String problem) {
    requireNonNull(file, "file is null");
    return line > 0 ? file + ":" + line + ":" + column + ": " + problem : file + ": " + problem;
  }

  public String file() {
    return file;
  }

  public String problem() {
    return problem;
  }

  /** 1-based, or 0 when the problem has no position. */
  public int line() {
    return line;
  }

  public int column() {
    return column;
  }

  /** The exit code the CLI gives for bad input. */
  public int exitCode() {
    return 2;
  }
}
