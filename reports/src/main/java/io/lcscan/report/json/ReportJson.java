package io.lcscan.report.json;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.lcscan.catalog.Localized;
import io.lcscan.spi.Finding;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The JSON settings every JSON-based format shares (the report, SARIF): ISO-8601 times, sorted map
 * keys, two-space indent and {@code \n} line ends on every platform, so outputs are byte-stable.
 *
 * <p>The report and SARIF stream through {@link #prettyGenerator}, writing the same bytes as
 * serializing a tree with {@link #prettyWriter} would: databind's serializers (reflection over
 * records, the java.time module) cost a cold start more than the whole write.
 */
public final class ReportJson {

  // thread-safe once built; jackson-core only
  private static final JsonFactory FACTORY = new JsonFactory();

  private ReportJson() {}

  public static ObjectMapper mapper() {
    return Databind.newMapper();
  }

  public static ObjectWriter prettyWriter(ObjectMapper mapper) {
    return mapper.writer(prettyPrinter());
  }

  /**
   * A generator writing UTF-8 to {@code out} as {@link #prettyWriter} does; closing it flushes and
   * leaves {@code out} open.
   */
  public static JsonGenerator prettyGenerator(OutputStream out) throws IOException {
    JsonGenerator generator = FACTORY.createGenerator(out, JsonEncoding.UTF8);
    generator.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    // a printer keeps the nesting level, so one per generator
    generator.setPrettyPrinter(prettyPrinter());
    return generator;
  }

  private static DefaultPrettyPrinter prettyPrinter() {
    DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
    DefaultPrettyPrinter printer =
        new DefaultPrettyPrinter()
            .withSeparators(
                Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEmptySeparator("")
                    .withArrayEmptySeparator(""));
    printer.indentObjectsWith(indenter);
    printer.indentArraysWith(indenter);
    return printer;
  }

  /**
   * A text in both languages, as databind writes a {@link Localized}: {@code en}, then {@code ja}.
   */
  public static void writeLocalized(JsonGenerator json, Localized value) throws IOException {
    if (value == null) {
      json.writeNull();
      return;
    }
    json.writeStartObject();
    writeStringOrNull(json, "en", value.en());
    writeStringOrNull(json, "ja", value.ja());
    json.writeEndObject();
  }

  public static void writeStringOrNull(JsonGenerator json, String field, String value)
      throws IOException {
    json.writeFieldName(field);
    if (value == null) {
      json.writeNull();
    } else {
      json.writeString(value);
    }
  }

  /** A waiver as databind writes the record: every field, nulls included. */
  public static void writeWaiver(JsonGenerator json, Finding.WaiverRef waiver) throws IOException {
    json.writeStartObject();
    writeStringOrNull(json, "id", waiver.id());
    writeStringOrNull(json, "approver", waiver.approver());
    writeStringOrNull(json, "ticket", waiver.ticket());
    writeStringOrNull(json, "expires", waiver.expires());
    json.writeBooleanField("lapsed", waiver.lapsed());
    writeStringOrNull(json, "reason", waiver.reason());
    json.writeEndObject();
  }

  /** A map in key order, as databind writes maps with {@code ORDER_MAP_ENTRIES_BY_KEYS}. */
  public static <V> Map<String, V> sortedByKey(Map<String, V> map) {
    if (map instanceof SortedMap || map.size() < 2) {
      return map;
    }
    return new TreeMap<>(map);
  }

  /**
   * Writes a value as serializing it in a tree would. With {@code converted}, as serializing a tree
   * made by {@code valueToTree} of an object holding it would (what the report did for a finding's
   * evidence), which differs for decimals: they lose trailing zeros.
   *
   * <p>Objects, arrays, text, booleans, null and integral or double numbers, which is all a plan,
   * an inventory or a rule yields, are written here; any other node goes through databind, the path
   * that defines these bytes.
   */
  public static void writeNode(JsonGenerator json, JsonNode node, boolean converted)
      throws IOException {
    if (node == null) {
      json.writeNull();
      return;
    }
    switch (node.getNodeType()) {
      case OBJECT -> {
        json.writeStartObject();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
          json.writeFieldName(field.getKey());
          writeNode(json, field.getValue(), converted);
        }
        json.writeEndObject();
      }
      case ARRAY -> {
        json.writeStartArray();
        for (int i = 0; i < node.size(); i++) {
          writeNode(json, node.get(i), converted);
        }
        json.writeEndArray();
      }
      case STRING -> json.writeString(node.textValue());
      case BOOLEAN -> json.writeBoolean(node.booleanValue());
      case NULL -> json.writeNull();
      case NUMBER -> {
        switch (node.numberType()) {
          case INT -> json.writeNumber(node.intValue());
          case LONG -> json.writeNumber(node.longValue());
          case BIG_INTEGER -> json.writeNumber(node.bigIntegerValue());
          case DOUBLE -> json.writeNumber(node.doubleValue());
          default -> Databind.write(json, node, converted);
        }
      }
      default -> Databind.write(json, node, converted);
    }
  }

  /** The same text as {@link JsonNode#toString()}, without databind's serializers when it can. */
  public static String compact(JsonNode node) {
    if (!plain(node)) {
      return String.valueOf(node);
    }
    StringWriter text = new StringWriter();
    try (JsonGenerator json = FACTORY.createGenerator(text)) {
      writeNode(json, node, false);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString();
  }

  // only the node types writeNode writes itself
  private static boolean plain(JsonNode node) {
    if (node == null) {
      return false;
    }
    return switch (node.getNodeType()) {
      case OBJECT, ARRAY -> {
        for (JsonNode child : node) {
          if (!plain(child)) {
            yield false;
          }
        }
        yield true;
      }
      case STRING, BOOLEAN, NULL -> true;
      case NUMBER ->
          switch (node.numberType()) {
            case INT, LONG, BIG_INTEGER, DOUBLE -> true;
            default -> false;
          };
      default -> false;
    };
  }

  // Apart, so that loading and verifying ReportJson loads nothing of databind's serializers nor
  // the java.time module; the mapper is built only for a node no plan or rule produces.
  private static final class Databind {
    static final ObjectMapper MAPPER = newMapper();

    static ObjectMapper newMapper() {
      return new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    }

    static void write(JsonGenerator json, JsonNode node, boolean converted) throws IOException {
      MAPPER.writeValue(json, converted ? MAPPER.valueToTree(node) : node);
    }
  }
}
