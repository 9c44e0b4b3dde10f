package io.lcscan.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.lcscan.report.SourceLocation;
import io.lcscan.spi.Inventory;
import io.lcscan.spi.Resource;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Where each resource of a plan is, for SARIF. The plan JSON does not say which {@code .tf} file
 * and line defined a resource (its {@code configuration} names modules, not files), so the artifact
 * is the plan file itself: the line and column where the resource's {@code resource_changes} entry
 * starts (or its {@code planned_values} entry, for a resource without a change), and the module
 * from its address.
 */
final class PlanPositions {

  private static final JsonFactory JSON = new JsonFactory();

  private record Position(int line, int column) {}

  private PlanPositions() {}

  /** Source locations by resource id; empty if the file cannot be read a second time. */
  static Map<String, SourceLocation> locations(Path plan, Inventory inventory) {
    Map<String, Position> positions;
    try {
      positions = index(plan);
    } catch (IOException e) {
      // the provider has already read this file; a location is a nicety, not a reason to fail
      positions = Map.of();
    }
    String uri = uri(plan);
    Map<String, SourceLocation> out = new HashMap<>();
    for (Resource resource : inventory.resources()) {
      String address =
          resource.source() != null && resource.source().address() != null
              ? resource.source().address()
              : resource.id();
      Position position = positions.getOrDefault(address, new Position(0, 0));
      out.put(
          resource.id(),
          new SourceLocation(uri, position.line(), position.column(), module(address)));
    }
    return out;
  }

  static Map<String, Position> index(Path plan) throws IOException {
    Map<String, Position> positions = new HashMap<>();
    try (InputStream in = Files.newInputStream(plan);
        JsonParser parser = JSON.createParser(in)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return positions;
      }
      Map<String, Position> planned = new HashMap<>();
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        if ("resource_changes".equals(name) && value == JsonToken.START_ARRAY) {
          entries(parser, positions);
        } else if ("planned_values".equals(name) && value == JsonToken.START_OBJECT) {
          plannedValues(parser, planned);
        } else {
          parser.skipChildren();
        }
      }
      planned.forEach(positions::putIfAbsent);
    }
    return positions;
  }

  // the array's objects, each recorded at its start under its "address"
  private static void entries(JsonParser parser, Map<String, Position> out) throws IOException {
    JsonToken token;
    while ((token = parser.nextToken()) != JsonToken.END_ARRAY && token != null) {
      if (token != JsonToken.START_OBJECT) {
        parser.skipChildren();
        continue;
      }
      JsonLocation start = parser.currentTokenLocation();
      String address = null;
      boolean deposed = false;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        if ("address".equals(field) && value == JsonToken.VALUE_STRING) {
          address = parser.getText();
        } else if ("deposed".equals(field)) {
          deposed = true;
        }
        parser.skipChildren();
      }
      if (address != null && !deposed) {
        out.putIfAbsent(address, new Position(start.getLineNr(), start.getColumnNr()));
      }
    }
  }

  // planned_values.root_module and its child_modules, each with resources[]
  private static void plannedValues(JsonParser parser, Map<String, Position> out)
      throws IOException {
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      if ("root_module".equals(name) && value == JsonToken.START_OBJECT) {
        module(parser, out);
      } else {
        parser.skipChildren();
      }
    }
  }

  private static void module(JsonParser parser, Map<String, Position> out) throws IOException {
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      if ("resources".equals(name) && value == JsonToken.START_ARRAY) {
        entries(parser, out);
      } else if ("child_modules".equals(name) && value == JsonToken.START_ARRAY) {
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY && token != null) {
          if (token == JsonToken.START_OBJECT) {
            module(parser, out);
          } else {
            parser.skipChildren();
          }
        }
      } else {
        parser.skipChildren();
      }
    }
  }

  /**
   * The plan file as SARIF wants it: relative to the working directory (where CI uploads from) when
   * it lies below it, else an absolute {@code file:} URI; percent-encoded either way.
   */
  static String uri(Path plan) {
    Path absolute = plan.toAbsolutePath().normalize();
    Path workingDirectory = Path.of("").toAbsolutePath().normalize();
    if (!absolute.startsWith(workingDirectory)) {
      return absolute.toUri().toASCIIString();
    }
    String relative = workingDirectory.relativize(absolute).toString().replace('\\', '/');
    // a colon in the first segment would read as a URI scheme
    if (relative.indexOf(':') >= 0
        && (relative.indexOf('/') < 0 || relative.indexOf(':') < relative.indexOf('/'))) {
      relative = "./" + relative;
    }
    try {
      return new URI(null, null, relative, null).toASCIIString();
    } catch (URISyntaxException e) {
      return absolute.toUri().toASCIIString();
    }
  }

  /**
   * The module part of a Terraform address: {@code module.a["x"].module.b} of {@code
   * module.a["x"].module.b.aws_s3_bucket.c[0]}, or empty at the root. Index keys may hold dots and
   * brackets inside their quotes.
   */
  static String module(String address) {
    int end = 0;
    int i = 0;
    while (address.startsWith("module.", i)) {
      int j = i + "module.".length();
      while (j < address.length() && address.charAt(j) != '.' && address.charAt(j) != '[') {
        j++;
      }
      if (j < address.length() && address.charAt(j) == '[') {
        j = afterIndex(address, j);
        if (j < 0) {
          return "";
        }
      }
      end = j;
      if (j >= address.length() || address.charAt(j) != '.') {
        break;
      }
      i = j + 1;
    }
    return address.substring(0, end);
  }

  // the position after the ']' closing the index that starts at 'open', or -1
  private static int afterIndex(String address, int open) {
    boolean quoted = false;
    for (int i = open + 1; i < address.length(); i++) {
      char c = address.charAt(i);
      if (quoted) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          quoted = false;
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ']') {
        return i + 1;
      }
    }
    return -1;
  }
}
