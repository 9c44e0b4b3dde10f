package io.lcscan.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.lcscan.spi.CallRecord;
import io.lcscan.spi.Inventory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Writes an inventory as {@code inventory.json} and its call log as {@code calls.jsonl}, in a form
 * that does not depend on the run: record fields in declaration order, map keys and set elements
 * sorted, attributes in the order the source gave them, RFC 3339 times, two-space indent and {@code
 * \n} line ends. {@link InventoryReader} reads the file back to the same inventory.
 */
final class InventoryJson {

  private static final ObjectMapper MAPPER = mapper();

  private static final ObjectWriter PRETTY = MAPPER.writer(prettyPrinter());

  private InventoryJson() {}

  static ObjectMapper mapper() {
    SimpleModule sortedSets = new SimpleModule("lcscan-sorted-sets");
    sortedSets.addSerializer(new SortedSetSerializer());
    return new ObjectMapper()
        .registerModule(new JavaTimeModule())
        .registerModule(sortedSets)
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
        .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
  }

  static byte[] inventory(Inventory inventory) {
    try {
      byte[] json = PRETTY.writeValueAsBytes(inventory);
      byte[] withNewline = new byte[json.length + 1];
      System.arraycopy(json, 0, withNewline, 0, json.length);
      withNewline[json.length] = '\n';
      return withNewline;
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One call per line, compact, in the inventory's order. */
  static byte[] calls(List<CallRecord> calls) {
    StringBuilder lines = new StringBuilder();
    try {
      for (CallRecord call : calls) {
        lines.append(MAPPER.writeValueAsString(call)).append('\n');
      }
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
    return lines.toString().getBytes(StandardCharsets.UTF_8);
  }

  static DefaultPrettyPrinter prettyPrinter() {
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
   * Sets ({@code unknownAttributes}) in natural order: an immutable set iterates in an order that
   * changes from one run to the next.
   */
  @SuppressWarnings("rawtypes")
  private static final class SortedSetSerializer extends StdSerializer<Set> {
    private static final long serialVersionUID = 1L;

    SortedSetSerializer() {
      super(Set.class);
    }

    @Override
    public void serialize(Set value, JsonGenerator generator, SerializerProvider provider)
        throws IOException {
      List<Object> elements = new ArrayList<>(value);
      elements.sort(
          (a, b) -> {
            if (a instanceof Comparable && a.getClass() == b.getClass()) {
              @SuppressWarnings("unchecked")
              int order = ((Comparable<Object>) a).compareTo(b);
              return order;
            }
            return String.valueOf(a).compareTo(String.valueOf(b));
          });
      generator.writeStartArray(value, elements.size());
      for (Object element : elements) {
        provider.defaultSerializeValue(element, generator);
      }
      generator.writeEndArray();
    }
  }
}
