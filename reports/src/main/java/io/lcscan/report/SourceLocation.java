package io.lcscan.report;

import static java.util.Objects.requireNonNull;

/**
 * Where a resource is defined in the input a scan read, for formats that point at files (SARIF).
 *
 * @param uri the file, as a URI reference relative to the working directory when it lies below it
 *     (such as {@code examples/aws-plan.json}), else an absolute {@code file:} URI
 * @param startLine the 1-based line of the resource's entry in that file, or 0 when unknown
 * @param startColumn the 1-based column where the entry starts, or 0 when unknown; what places it
 *     in a plan written on one line, as {@code terraform show -json} writes it
 * @param module the enclosing module, such as {@code module.storage}, or empty at the root
 */
public record SourceLocation(String uri, int startLine, int startColumn, String module) {
  public SourceLocation {
    requireNonNull(uri, "uri is null");
    requireNonNull(module, "module is null");
    if (startLine < 0 || startColumn < 0) {
      throw new IllegalArgumentException("negative position: " + startLine + ":" + startColumn);
    }
  }
}
