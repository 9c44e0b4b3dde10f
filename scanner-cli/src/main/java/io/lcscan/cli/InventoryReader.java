package io.lcscan.cli;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.lcscan.spi.Inventory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.temporal.Temporal;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Reads a normalized inventory ({@code inventory.json} of a scan or an evidence bundle). Every
 * problem becomes a {@link UsageException} naming the file, line and column, never a stack trace.
 */
public final class InventoryReader {

  private final ObjectMapper mapper =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  public Inventory read(Path file) {
    Inventory inventory;
    try (InputStream in = Files.newInputStream(file)) {
      inventory = mapper.readValue(in, Inventory.class);
    } catch (NoSuchFileException e) {
      throw new UsageException(file + ": no such file", e);
    } catch (AccessDeniedException e) {
      throw new UsageException(file + ": permission denied", e);
    } catch (JsonProcessingException e) {
      throw new UsageException(describe(file, e), e);
    } catch (IOException e) {
      throw new UsageException(file + ": cannot read: " + e.getMessage(), e);
    }
    return check(file, inventory);
  }

  /**
   * Reads an inventory from bytes, such as the {@code inventory.json} a scan is about to bundle, so
   * that the scan evaluates exactly what {@code lcscan evaluate} will read back.
   *
   * @param name how messages name the content
   */
  public Inventory read(byte[] json, Path name) {
    Inventory inventory;
    try {
      inventory = mapper.readValue(json, Inventory.class);
    } catch (JsonProcessingException e) {
      throw new UsageException(describe(name, e), e);
    } catch (IOException e) {
      throw new UsageException(name + ": cannot read: " + e.getMessage(), e);
    }
    return check(name, inventory);
  }

  private static Inventory check(Path file, Inventory inventory) {
    if (inventory == null) {
      throw new UsageException(file + ": empty inventory");
    }
    if (inventory.schemaVersion() != Inventory.SCHEMA_VERSION) {
      throw new UsageException(
          file
              + ": unsupported schemaVersion "
              + inventory.schemaVersion()
              + " (this lcscan reads "
              + Inventory.SCHEMA_VERSION
              + ")");
    }
    return inventory;
  }

  static String describe(Path file, JsonProcessingException e) {
    StringBuilder where = new StringBuilder(file.toString());
    JsonLocation location = e.getLocation();
    if (location != null && location.getLineNr() > 0) {
      where.append(':').append(location.getLineNr());
      if (location.getColumnNr() > 0) {
        where.append(':').append(location.getColumnNr());
      }
    }
    String path = e instanceof JsonMappingException mapping ? path(mapping) : "";
    return where + ": " + (path.isEmpty() ? "" : path + ": ") + problem(e);
  }

  /** The JSON path of the offending value, such as {@code resources[3].region}. */
  private static String path(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference reference : e.getPath()) {
      if (reference.getFieldName() != null) {
        if (path.length() > 0) {
          path.append('.');
        }
        path.append(reference.getFieldName());
      } else if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  private static String problem(JsonProcessingException e) {
    if (e instanceof UnrecognizedPropertyException unknown) {
      return "unknown field '"
          + unknown.getPropertyName()
          + "' (known: "
          + unknown.getKnownPropertyIds().stream()
              .map(String::valueOf)
              .sorted()
              .collect(Collectors.joining(", "))
          + ")";
    }
    if (e instanceof InvalidFormatException invalid) {
      return invalidValue(invalid);
    }
    if (e instanceof ValueInstantiationException && e.getCause() != null) {
      // the record's own check, such as "provider is null"
      return firstLine(e.getCause().getMessage());
    }
    return firstLine(e.getOriginalMessage())
        // the Java class behind a JSON value means nothing to the reader
        .replaceAll("`(?:[a-z][a-zA-Z0-9_]*\\.)+([A-Za-z0-9_$]+)`", "$1")
        .replaceAll(" \\(class [^)]*\\)", "")
        .replaceAll(" \\(token `[^`]*`\\)", "");
  }

  private static String invalidValue(InvalidFormatException e) {
    String value = "'" + e.getValue() + "'";
    Class<?> target = e.getTargetType();
    if (target != null && target.isEnum()) {
      return value
          + " is not one of "
          + Arrays.stream(target.getEnumConstants())
              .map(String::valueOf)
              .collect(Collectors.joining(", "));
    }
    if (target != null && Temporal.class.isAssignableFrom(target)) {
      return value + " is not an RFC 3339 time such as 2026-11-26T00:00:00Z";
    }
    return value + " is not a valid " + (target == null ? "value" : target.getSimpleName());
  }

  private static String firstLine(String message) {
    if (message == null || message.isBlank()) {
      return "invalid value";
    }
    int newline = message.indexOf('\n');
    return (newline < 0 ? message : message.substring(0, newline)).strip();
  }
}
