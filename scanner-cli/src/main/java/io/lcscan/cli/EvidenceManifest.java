package io.lcscan.cli;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lcscan.report.ReportModel;
import io.lcscan.spi.ScanMetadata;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code manifest.json} of an evidence bundle: what produced the findings (tool, catalog, language,
 * the instant they were evaluated at), what was scanned (identity, scope, times) and the size and
 * SHA-256 of every other file, sorted by path.
 *
 * @param scan the inventory's metadata: scan id, kind, identity, scopes, start and end times and
 *     the version of the tool that collected it
 * @param evaluatedAt the instant the engine evaluated at; {@code lcscan evaluate DIR} evaluates at
 *     it again
 */
record EvidenceManifest(
    String toolVersion,
    String catalogVersion,
    String catalogDigest,
    String language,
    Instant evaluatedAt,
    boolean complete,
    ScanMetadata scan,
    List<EvidenceBundle.FileEntry> files) {

  /** The value of {@code format}, which tells an lcscan bundle from any other folder. */
  static final String FORMAT = "lcscan-evidence";

  /** Bumped when a field is renamed or removed or the layout changes; a new field does not. */
  static final int FORMAT_VERSION = 1;

  private static final ObjectMapper MAPPER =
      InventoryJson.mapper()
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  EvidenceManifest {
    requireNonNull(evaluatedAt, "evaluatedAt is null");
    files = List.copyOf(files);
  }

  byte[] toJson() {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("format", FORMAT);
    root.put("formatVersion", FORMAT_VERSION);
    root.put("toolVersion", toolVersion);
    ObjectNode catalog = root.putObject("catalog");
    catalog.put("version", catalogVersion);
    catalog.put("digest", catalogDigest);
    root.put("language", language);
    root.put("evaluatedAt", evaluatedAt.toString());
    root.put("complete", complete);
    ObjectNode scanNode = root.putObject("scan");
    if (scan != null) {
      scanNode.setAll(MAPPER.<ObjectNode>valueToTree(scan));
    }
    ArrayNode list = root.putArray("files");
    for (EvidenceBundle.FileEntry file : files) {
      ObjectNode node = list.addObject();
      node.put("path", file.path());
      node.put("size", file.size());
      node.put("sha256", file.sha256());
    }
    try {
      byte[] json = MAPPER.writer(InventoryJson.prettyPrinter()).writeValueAsBytes(root);
      byte[] withNewline = new byte[json.length + 1];
      System.arraycopy(json, 0, withNewline, 0, json.length);
      withNewline[json.length] = '\n';
      return withNewline;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The bundle's manifest; a missing or malformed one is a one-line {@link UsageException}. */
  static EvidenceManifest read(Path bundle) {
    if (!Files.isDirectory(bundle)) {
      throw new UsageException(
          bundle + (Files.exists(bundle) ? ": not a directory" : ": no such directory"));
    }
    Path file = bundle.resolve(EvidenceBundle.MANIFEST);
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new UsageException(
          bundle + ": no " + EvidenceBundle.MANIFEST + " (not an lcscan evidence bundle)", e);
    } catch (AccessDeniedException e) {
      throw new UsageException(file + ": permission denied", e);
    } catch (IOException e) {
      throw new UsageException(file + ": cannot read: " + e.getMessage(), e);
    }
    JsonNode root;
    try {
      root = MAPPER.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw new UsageException(InventoryReader.describe(file, e), e);
    } catch (IOException e) {
      throw new UsageException(file + ": cannot read: " + e.getMessage(), e);
    }
    return parse(file, root);
  }

  private static EvidenceManifest parse(Path file, JsonNode root) {
    if (root == null || !root.isObject()) {
      throw malformed(file, "not a JSON object");
    }
    if (!FORMAT.equals(root.path("format").asText(null))) {
      throw malformed(file, "format is not '" + FORMAT + "' (not an lcscan evidence bundle)");
    }
    JsonNode version = root.path("formatVersion");
    if (!version.isInt() || version.intValue() != FORMAT_VERSION) {
      throw malformed(
          file,
          "unsupported formatVersion "
              + (version.isMissingNode() ? "(none)" : version.toString())
              + " (this lcscan reads "
              + FORMAT_VERSION
              + ")");
    }
    Instant evaluatedAt;
    try {
      evaluatedAt = Instant.parse(text(file, root, "evaluatedAt"));
    } catch (DateTimeParseException e) {
      throw malformed(file, "evaluatedAt is not an RFC 3339 time such as 2026-11-26T00:00:00Z");
    }
    ScanMetadata scan;
    try {
      scan =
          root.path("scan").isObject()
              ? MAPPER.treeToValue(root.get("scan"), ScanMetadata.class)
              : null;
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw malformed(file, "scan: " + firstLine(e.getMessage()));
    }
    JsonNode list = root.path("files");
    if (!list.isArray()) {
      throw malformed(file, "files is missing or not a list");
    }
    List<EvidenceBundle.FileEntry> files = new ArrayList<>(list.size());
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      JsonNode entry = list.get(i);
      String where = "files[" + i + "]";
      JsonNode path = entry.path("path");
      JsonNode size = entry.path("size");
      JsonNode sha = entry.path("sha256");
      if (!path.isTextual()) {
        throw malformed(file, where + ".path is missing");
      }
      String unsafe = EvidenceBundle.unsafePath(path.textValue());
      if (unsafe != null) {
        throw malformed(file, where + ".path '" + path.textValue() + "' " + unsafe);
      }
      if (path.textValue().equals(EvidenceBundle.MANIFEST)) {
        throw malformed(file, where + ".path names the manifest itself");
      }
      if (!seen.add(path.textValue())) {
        throw malformed(file, where + ".path '" + path.textValue() + "' is listed twice");
      }
      if (!size.canConvertToLong() || !size.isIntegralNumber() || size.longValue() < 0) {
        throw malformed(file, where + ".size is missing or not a size in bytes");
      }
      if (!EvidenceBundle.isSha256(sha.asText(null))) {
        throw malformed(file, where + ".sha256 is missing or not a lower-case hex SHA-256");
      }
      files.add(new EvidenceBundle.FileEntry(path.textValue(), size.longValue(), sha.textValue()));
    }
    String language = root.path("language").asText(null);
    if (!ReportModel.LANGUAGES.contains(language)) {
      throw malformed(file, "language is missing or not ja or en");
    }
    JsonNode catalog = root.path("catalog");
    return new EvidenceManifest(
        root.path("toolVersion").asText(null),
        catalog.path("version").asText(null),
        catalog.path("digest").asText(null),
        language,
        evaluatedAt,
        root.path("complete").asBoolean(false),
        scan,
        files);
  }

  /** The manifest's entry for a path, if it lists it. */
  Optional<EvidenceBundle.FileEntry> file(String path) {
    return files.stream().filter(entry -> entry.path().equals(path)).findFirst();
  }

  private static String text(Path file, JsonNode root, String field) {
    JsonNode node = root.path(field);
    if (!node.isTextual()) {
      throw malformed(file, field + " is missing or not text");
    }
    return node.textValue();
  }

  private static UsageException malformed(Path file, String problem) {
    return new UsageException(file + ": " + problem);
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "invalid value";
    }
    return message.lines().findFirst().orElse("invalid value").strip();
  }
}
