package io.lcscan.report.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TestTextWidth {

  @Test
  void wideCharactersTakeTwoColumns() {
    assertThat(TextWidth.of("abc")).isEqualTo(3);
    assertThat(TextWidth.of("破棄")).isEqualTo(4);
    assertThat(TextWidth.of("カタログ")).isEqualTo(8);
    assertThat(TextWidth.of("ＡＢ")).isEqualTo(4);
    assertThat(TextWidth.of("（）")).isEqualTo(4);
    assertThat(TextWidth.of("ｶﾀ")).isEqualTo(2);
  }

  @Test
  void truncateNeverSplitsAWideCharacter() {
    assertThat(TextWidth.truncate("保存データ", 5)).isEqualTo("保存…");
    assertThat(TextWidth.of(TextWidth.truncate("保存データ", 6))).isLessThanOrEqualTo(6);
    assertThat(TextWidth.truncate("short", 10)).isEqualTo("short");
  }

  @Test
  void truncateStartKeepsTheEnd() {
    assertThat(TextWidth.truncateStart("arn:aws:kms:key/abcdef", 8)).isEqualTo("…/abcdef");
  }

  @Test
  void padCountsColumns() {
    assertThat(TextWidth.pad("破棄", 6)).isEqualTo("破棄  ");
    assertThat(TextWidth.padLeft("7", 3)).isEqualTo("  7");
  }

  @Test
  void tableAlignsMixedWidths() {
    String table = new TextTable("A", "B").row("破棄", "x").row("ab", "y").render();

    assertThat(table).isEqualTo("A     B\n破棄  x\nab    y\n");
  }

  @Test
  void oneLineFlattensBreaks() {
    assertThat(TextWidth.oneLine("a\nb\tc")).isEqualTo("a b c");
  }
}
