package io.lcscan.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.lcscan.catalog.CatalogException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads fields of a YAML node and records problems with their line. Without a document (fixture
 * overrides built in tests) problems are named by their JSON pointer.
 */
final class Fields {
  private final String file;
  private final YamlDocument document;
  private final List<CatalogException> problems;

  Fields(YamlDocument document, List<CatalogException> problems) {
    this.file = document.file();
    this.document = document;
    this.problems = problems;
  }

  Fields(String file, List<CatalogException> problems) {
    this.file = file;
    this.document = null;
    this.problems = problems;
  }

  void problem(String pointer, String problem) {
    if (document != null) {
      problems.add(document.error(pointer, problem));
    } else {
      problems.add(
          new CatalogException(file, 0, (pointer.isEmpty() ? "" : pointer + ": ") + problem));
    }
  }

  int line(String pointer) {
    return document == null ? 0 : document.line(pointer);
  }

  String file() {
    return file;
  }

  /** A required non-blank string; null (after recording a problem) when it is missing. */
  String string(JsonNode node, String pointer, String key) {
    JsonNode value = node.get(key);
    if (value == null || value.isNull() || !value.isValueNode() || value.asText().isBlank()) {
      problem(
          value == null ? pointer : pointer + "/" + key,
          value == null ? "missing '" + key + "'" : "'" + key + "' must be a non-blank text");
      return null;
    }
    return value.asText();
  }

  String optionalString(JsonNode node, String key) {
    JsonNode value = node.get(key);
    return value == null || value.isNull() || !value.isValueNode() ? null : value.asText();
  }

  LocalDate date(JsonNode node, String pointer, String key) {
    String text = string(node, pointer, key);
    if (text == null) {
      return null;
    }
    try {
      return LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
    } catch (DateTimeParseException e) {
      problem(pointer + "/" + key, "'" + key + "' must be a date (YYYY-MM-DD), got '" + text + "'");
      return null;
    }
  }

  List<String> strings(JsonNode node, String pointer, String key) {
    JsonNode value = node.get(key);
    List<String> result = new ArrayList<>();
    if (value == null || value.isNull()) {
      return result;
    }
    if (!value.isArray()) {
      problem(pointer + "/" + key, "'" + key + "' must be a list");
      return result;
    }
    for (int i = 0; i < value.size(); i++) {
      JsonNode item = value.get(i);
      if (!item.isValueNode() || item.isNull()) {
        problem(pointer + "/" + key + "/" + i, "'" + key + "' items must be plain values");
      } else {
        result.add(item.asText());
      }
    }
    return result;
  }

  void unknownKeys(JsonNode node, String pointer, Set<String> known) {
    node.fieldNames()
        .forEachRemaining(
            key -> {
              if (!known.contains(key)) {
                problem(pointer + "/" + key, "unknown key '" + key + "'");
              }
            });
  }
}
