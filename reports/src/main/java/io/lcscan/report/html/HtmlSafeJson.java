package io.lcscan.report.html;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lcscan.report.json.ReportJson;
import java.io.IOException;
import java.io.Writer;

/**
 * JSON that can sit inside a {@code <script type="application/json">} block: {@code <}, {@code >}
 * and {@code &} are written as {@code \u003c} and so on, so no value can close the element or open
 * a comment, and U+2028/U+2029 are escaped for the JavaScript parsers that choke on them.
 */
final class HtmlSafeJson {

  private static final ObjectMapper MAPPER = ReportJson.mapper();

  private HtmlSafeJson() {}

  static JsonGenerator generator(Writer out) throws IOException {
    JsonGenerator generator = MAPPER.getFactory().createGenerator(out);
    generator.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    generator.setCharacterEscapes(new Escapes());
    generator.setCodec(MAPPER);
    return generator;
  }

  static final class Escapes extends CharacterEscapes {

    private static final SerializedString LINE_SEPARATOR = new SerializedString("\\u2028");
    private static final SerializedString PARAGRAPH_SEPARATOR = new SerializedString("\\u2029");

    private final int[] ascii;

    Escapes() {
      ascii = standardAsciiEscapesForJSON();
      ascii['<'] = ESCAPE_STANDARD;
      ascii['>'] = ESCAPE_STANDARD;
      ascii['&'] = ESCAPE_STANDARD;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return ascii;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
      return switch (ch) {
        case 0x2028 -> LINE_SEPARATOR;
        case 0x2029 -> PARAGRAPH_SEPARATOR;
        default -> null;
      };
    }
  }
}
