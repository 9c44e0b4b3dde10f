package io.lcscan.report.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.lcscan.report.RichFixtures;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestXml {

  @Test
  void escapesAsTheCopyingVersionDid() {
    List<String> values = new ArrayList<>(RichFixtures.HOSTILE);
    values.addAll(List.of("plain ascii", "lone \uD800 high", "lone \uDC00 low", "\uFFFF\uFFFE"));
    for (char c = 0; c < 0x100; c++) {
      values.add("a" + c + "b");
    }
    for (String value : values) {
      assertThat(Xml.attribute(value)).as(value).isEqualTo(LegacyXml.attribute(value));
      assertThat(Xml.text(value)).as(value).isEqualTo(LegacyXml.text(value));
    }
    assertThat(Xml.text("\u001b[31m")).isEqualTo("\\u001B[31m");
    assertThat(Xml.attribute("\uD800")).isEqualTo("\\uD800");
  }

  @Test
  void aPlainValueIsNotCopied() {
    String value = "arn:aws:s3:::日本語-bucket";

    assertThat(Xml.attribute(value)).isSameAs(value);
  }
}
