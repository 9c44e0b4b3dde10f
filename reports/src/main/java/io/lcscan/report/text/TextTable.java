package io.lcscan.report.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A plain console table: a header, rows, columns padded to the widest cell in terminal columns.
 * Cells may carry a style (ANSI colour) that is applied after padding, so it never shifts a column.
 */
public final class TextTable {

  private final List<String> header;
  private final int[] maxWidths;
  private final boolean[] rightAligned;
  private final List<List<String>> rows = new ArrayList<>();
  private final List<List<UnaryOperator<String>>> styles = new ArrayList<>();

  public TextTable(String... header) {
    this.header = List.of(header);
    this.maxWidths = new int[header.length];
    Arrays.fill(maxWidths, Integer.MAX_VALUE);
    this.rightAligned = new boolean[header.length];
  }

  /** Caps a column; longer cells are cut with {@code …}. The last column may stay unbounded. */
  public TextTable maxWidth(int column, int width) {
    maxWidths[column] = width;
    return this;
  }

  public TextTable rightAligned(int column) {
    rightAligned[column] = true;
    return this;
  }

  public TextTable row(String... cells) {
    List<UnaryOperator<String>> none = new ArrayList<>();
    for (int i = 0; i < cells.length; i++) {
      none.add(UnaryOperator.identity());
    }
    return row(List.of(cells), none);
  }

  /** A row whose cells are styled by the matching operator (for example wrapped in ANSI codes). */
  public TextTable row(List<String> cells, List<UnaryOperator<String>> cellStyles) {
    if (cells.size() != header.size() || cellStyles.size() != header.size()) {
      throw new IllegalArgumentException("expected " + header.size() + " cells: " + cells);
    }
    List<String> fitted = new ArrayList<>();
    for (int i = 0; i < cells.size(); i++) {
      String cell = TextWidth.oneLine(cells.get(i));
      fitted.add(TextWidth.truncate(cell, maxWidths[i]));
    }
    rows.add(fitted);
    styles.add(List.copyOf(cellStyles));
    return this;
  }

  public boolean isEmpty() {
    return rows.isEmpty();
  }

  /** The table, one line per row, each ending in {@code \n}, with no trailing spaces. */
  public String render() {
    int[] widths = new int[header.size()];
    for (int i = 0; i < header.size(); i++) {
      widths[i] = TextWidth.of(header.get(i));
    }
    for (List<String> row : rows) {
      for (int i = 0; i < row.size(); i++) {
        widths[i] = Math.max(widths[i], TextWidth.of(row.get(i)));
      }
    }
    StringBuilder out = new StringBuilder();
    List<UnaryOperator<String>> plain = new ArrayList<>();
    for (int i = 0; i < header.size(); i++) {
      plain.add(UnaryOperator.identity());
    }
    line(out, header, plain, widths);
    for (int i = 0; i < rows.size(); i++) {
      line(out, rows.get(i), styles.get(i), widths);
    }
    return out.toString();
  }

  private void line(
      StringBuilder out, List<String> cells, List<UnaryOperator<String>> cellStyles, int[] widths) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      boolean last = i == cells.size() - 1;
      String cell = cells.get(i);
      String padded;
      if (rightAligned[i]) {
        padded = TextWidth.padLeft(cell, widths[i]);
      } else {
        padded = last ? cell : TextWidth.pad(cell, widths[i]);
      }
      int padding = padded.length() - cell.length();
      // style the text only, then the padding, so colour codes never count toward the width
      String styled =
          rightAligned[i]
              ? padded.substring(0, padding) + cellStyles.get(i).apply(cell)
              : cellStyles.get(i).apply(cell) + padded.substring(cell.length());
      line.append(styled);
      if (!last) {
        line.append("  ");
      }
    }
    out.append(line.toString().stripTrailing()).append('\n');
  }
}
