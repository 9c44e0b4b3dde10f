package io.lcscan.config;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The bundled catalog as the build parsed it: the tree of every YAML and JSON file the loader
 * reads, keyed by the catalog digest, so that loading the bundled catalog needs neither SnakeYAML
 * nor the digest's pass over every file (docs/catalog-format.md, "Rules compiled at build time").
 *
 * <p>The file ({@link #RESOURCE}, beside the catalog) is a header (format, fingerprint of the code
 * that parses and digests, catalog digest), a table of the files (path, size, CRC-32, where its
 * tree is), the table of the trees' strings (keys and texts, each once), and the trees in a compact
 * binary form that refers to strings by their place in that table. It is used only for a {@link
 * ConfigSource.ClasspathSource} whose files are exactly those of the table, with the same sizes and
 * CRC-32s (taken from the jar's directory, or by reading a folder's files); then the loader runs
 * every check on these trees and takes the stored digest. Anything else, or a load that finds a
 * problem, is loaded from the files as before.
 */
public final class PrebuiltCatalog {
  /** The file's name in the configuration root. */
  public static final String RESOURCE = "prebuilt-catalog.bin";

  static final String MAGIC = "lcscan prebuilt catalog";
  static final int FORMAT = 2;

  /** The files outside the catalog folders that the loader reads. */
  static final List<String> ROOT_FILES =
      List.of("settings.yaml", "approved-services.yaml", "waivers.yaml", "attestations.yaml");

  static final List<String> FOLDERS = List.of("controls", "frameworks", "types");

  /**
   * Classes whose code shapes the trees or the digest: a store written by other code is ignored.
   */
  private static final List<String> FINGERPRINTED =
      List.of(
          "io/lcscan/config/PrebuiltCatalog.class",
          "io/lcscan/config/ConfigLoader.class",
          "io/lcscan/config/YamlDocument.class",
          "org/yaml/snakeyaml/composer/Composer.class",
          "org/yaml/snakeyaml/resolver/Resolver.class",
          "com/fasterxml/jackson/databind/deser/std/BaseNodeDeserializer.class",
          "com/fasterxml/jackson/databind/deser/std/JsonNodeDeserializer.class");

  private static final byte OBJECT = 1;
  private static final byte ARRAY = 2;
  private static final byte TEXT = 3;
  private static final byte INT = 4;
  private static final byte LONG = 5;
  private static final byte BIG_INTEGER = 6;
  private static final byte DOUBLE = 7;
  private static final byte DECIMAL = 8;
  private static final byte TRUE = 9;
  private static final byte FALSE = 10;
  private static final byte NULL = 11;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final String digest;
  private final byte[] bytes;
  private final String[] strings;
  private final Map<String, int[]> trees;

  private PrebuiltCatalog(String digest, byte[] bytes, String[] strings, Map<String, int[]> trees) {
    this.digest = digest;
    this.bytes = bytes;
    this.strings = strings;
    this.trees = trees;
  }

  /** The catalog digest the build computed from the files. */
  String digest() {
    return digest;
  }

  /** The tree of a file of the table, decoded afresh; null for a file the catalog did not have. */
  JsonNode tree(String path) {
    int[] at = trees.get(path);
    if (at == null) {
      return null;
    }
    Reader reader = new Reader(bytes, at[0], at[0] + at[1], strings);
    JsonNode node = reader.node();
    if (reader.position != at[0] + at[1]) {
      throw new IllegalStateException("damaged tree of " + path + " in " + RESOURCE);
    }
    return node;
  }

  /**
   * The store beside the catalog of {@code source}, when it was written for exactly its files by
   * this code; empty otherwise, and for a store that cannot be read.
   */
  static Optional<PrebuiltCatalog> forSource(ConfigSource.ClasspathSource source) {
    try {
      Optional<byte[]> bytes = source.read(RESOURCE);
      if (bytes.isEmpty()) {
        return Optional.empty();
      }
      return read(bytes.get(), files(source, source::stamp));
    } catch (IOException | RuntimeException e) {
      // an unusable store only costs time: the files are loaded
      return Optional.empty();
    }
  }

  /**
   * Parses a store and checks it against the files a source holds now.
   *
   * @return empty when the store is of another format or code, or its table differs from {@code
   *     files} in a path, a size or a CRC-32
   * @throws IOException when the bytes are not a store or are damaged
   */
  static Optional<PrebuiltCatalog> read(byte[] bytes, List<Stamped> files) throws IOException {
    Reader in = new Reader(bytes, 0, bytes.length, new String[0]);
    if (!MAGIC.equals(in.string())) {
      throw new IOException("not a prebuilt catalog");
    }
    if (in.integer() != FORMAT || !fingerprint().equals(in.string())) {
      return Optional.empty();
    }
    String digest = in.string();
    int count = in.integer();
    if (count != files.size()) {
      return Optional.empty();
    }
    Map<String, int[]> trees = new HashMap<>();
    for (int i = 0; i < count; i++) {
      String path = in.string();
      long size = in.longValue();
      long crc = in.integer() & 0xffffffffL;
      int offset = in.integer();
      int length = in.integer();
      Stamped file = files.get(i);
      if (!path.equals(file.path()) || size != file.stamp().size() || crc != file.stamp().crc()) {
        return Optional.empty();
      }
      trees.put(path, new int[] {offset, length});
    }
    // the trees' strings, each decoded once: keys such as description repeat thousands of times
    String[] strings = new String[in.count()];
    for (int i = 0; i < strings.length; i++) {
      strings[i] = in.string();
    }
    int start = in.position;
    for (int[] at : trees.values()) {
      at[0] += start;
      if (at[1] < 0 || at[0] < start || at[0] + at[1] > bytes.length || at[0] + at[1] < at[0]) {
        throw new IOException("damaged prebuilt catalog");
      }
    }
    return Optional.of(new PrebuiltCatalog(digest, bytes, strings, trees));
  }

  /** A file the loader reads, with its size and CRC-32. */
  record Stamped(String path, ConfigSource.FileStamp stamp) {}

  interface Stamps {
    Optional<ConfigSource.FileStamp> stamp(String path);
  }

  /**
   * The files the loader reads from a source, in the store's order: the root files it has, then the
   * catalog folders' files.
   */
  static List<Stamped> files(ConfigSource source, Stamps stamps) {
    List<Stamped> files = new ArrayList<>();
    for (String name : ROOT_FILES) {
      stamps.stamp(name).ifPresent(stamp -> files.add(new Stamped(name, stamp)));
    }
    for (String folder : FOLDERS) {
      for (String path : source.list(folder)) {
        ConfigSource.FileStamp stamp =
            stamps.stamp(path).orElseThrow(() -> new IllegalStateException("cannot read " + path));
        files.add(new Stamped(path, stamp));
      }
    }
    return files;
  }

  /**
   * The store for the catalog in {@code source}, which {@code config} was loaded from without a
   * problem.
   *
   * @throws IllegalArgumentException when a tree cannot be stored exactly
   */
  public static byte[] toBytes(ConfigSource source, LcscanConfig config) {
    requireNonNull(source, "source is null");
    requireNonNull(config, "config is null");
    Map<String, byte[]> contents = new HashMap<>();
    List<Stamped> files =
        files(
            source,
            path -> {
              Optional<byte[]> read = source.read(path);
              read.ifPresent(bytes -> contents.put(path, bytes));
              return read.map(ConfigSource.FileStamp::of);
            });
    try {
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      ByteArrayOutputStream header = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(header);
      string(out, MAGIC);
      out.writeInt(FORMAT);
      string(out, fingerprint());
      string(out, config.catalog().digest());
      out.writeInt(files.size());
      Strings strings = new Strings();
      for (Stamped file : files) {
        JsonNode tree = parse(source, file.path(), contents.get(file.path()));
        ByteArrayOutputStream one = new ByteArrayOutputStream();
        DataOutputStream data = new DataOutputStream(one);
        node(data, tree, strings);
        data.flush();
        byte[] written = one.toByteArray();
        Reader check = new Reader(written, 0, written.length, strings.list.toArray(new String[0]));
        JsonNode back = check.node();
        if (check.position != written.length
            || !back.equals(tree)
            || !back.toString().equals(tree.toString())) {
          throw new IllegalArgumentException(
              source.displayName(file.path()) + ": its tree cannot be stored exactly");
        }
        string(out, file.path());
        out.writeLong(file.stamp().size());
        out.writeInt((int) file.stamp().crc());
        out.writeInt(body.size());
        out.writeInt(written.length);
        body.write(written);
      }
      out.writeInt(strings.list.size());
      for (String value : strings.list) {
        string(out, value);
      }
      out.flush();
      header.write(body.toByteArray());
      return header.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A file's tree as the loader parses it: JSON for a type schema, else YAML. */
  private static JsonNode parse(ConfigSource source, String path, byte[] bytes) {
    if (path.startsWith("types/")) {
      return ConfigLoader.parseJson(bytes);
    }
    return YamlDocument.parse(source.displayName(path), bytes).root();
  }

  // ---- the binary trees

  /** The strings of the trees in the order first met, each with its place in the table. */
  private static final class Strings {
    final List<String> list = new ArrayList<>();
    final Map<String, Integer> places = new HashMap<>();

    int place(String value) {
      return places.computeIfAbsent(
          value,
          key -> {
            list.add(key);
            return list.size() - 1;
          });
    }
  }

  private static void node(DataOutputStream out, JsonNode node, Strings strings)
      throws IOException {
    switch (node.getNodeType()) {
      case OBJECT -> {
        out.writeByte(OBJECT);
        out.writeInt(node.size());
        for (Map.Entry<String, JsonNode> field : node.properties()) {
          out.writeInt(strings.place(field.getKey()));
          node(out, field.getValue(), strings);
        }
      }
      case ARRAY -> {
        out.writeByte(ARRAY);
        out.writeInt(node.size());
        for (JsonNode item : node) {
          node(out, item, strings);
        }
      }
      case STRING -> {
        out.writeByte(TEXT);
        out.writeInt(strings.place(node.textValue()));
      }
      case BOOLEAN -> out.writeByte(node.booleanValue() ? TRUE : FALSE);
      case NULL -> out.writeByte(NULL);
      case NUMBER -> number(out, node);
      default -> throw new IllegalArgumentException("cannot store a " + node.getNodeType());
    }
  }

  private static void number(DataOutputStream out, JsonNode node) throws IOException {
    if (node instanceof IntNode) {
      out.writeByte(INT);
      out.writeInt(node.intValue());
    } else if (node instanceof LongNode) {
      out.writeByte(LONG);
      out.writeLong(node.longValue());
    } else if (node instanceof BigIntegerNode) {
      out.writeByte(BIG_INTEGER);
      string(out, node.bigIntegerValue().toString());
    } else if (node instanceof DoubleNode) {
      out.writeByte(DOUBLE);
      out.writeLong(Double.doubleToRawLongBits(node.doubleValue()));
    } else if (node instanceof DecimalNode) {
      out.writeByte(DECIMAL);
      string(out, node.decimalValue().toString());
    } else {
      throw new IllegalArgumentException("cannot store a " + node.getClass().getSimpleName());
    }
  }

  private static void string(DataOutputStream out, String value) throws IOException {
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    out.writeInt(utf8.length);
    out.write(utf8);
  }

  /** Reads the binary form; any inconsistency is an exception, never a wrong tree. */
  private static final class Reader {
    private final byte[] bytes;
    private final int end;
    private final String[] strings;
    private int position;

    Reader(byte[] bytes, int start, int end, String[] strings) {
      this.bytes = bytes;
      this.position = start;
      this.end = end;
      this.strings = strings;
    }

    JsonNode node() {
      byte tag = bytes[take(1)];
      switch (tag) {
        case OBJECT -> {
          int count = count();
          ObjectNode object = NODES.objectNode();
          for (int i = 0; i < count; i++) {
            String key = tableString();
            object.set(key, node());
          }
          return object;
        }
        case ARRAY -> {
          int count = count();
          ArrayNode array = NODES.arrayNode(count);
          for (int i = 0; i < count; i++) {
            array.add(node());
          }
          return array;
        }
        case TEXT -> {
          return TextNode.valueOf(tableString());
        }
        case INT -> {
          return IntNode.valueOf(integer());
        }
        case LONG -> {
          return LongNode.valueOf(longValue());
        }
        case BIG_INTEGER -> {
          return BigIntegerNode.valueOf(new BigInteger(string()));
        }
        case DOUBLE -> {
          return DoubleNode.valueOf(Double.longBitsToDouble(longValue()));
        }
        case DECIMAL -> {
          return DecimalNode.valueOf(new BigDecimal(string()));
        }
        case TRUE -> {
          return BooleanNode.TRUE;
        }
        case FALSE -> {
          return BooleanNode.FALSE;
        }
        case NULL -> {
          return NullNode.getInstance();
        }
        default -> throw new IllegalStateException("damaged " + RESOURCE);
      }
    }

    private int take(int count) {
      if (count < 0 || count > end - position) {
        throw new IllegalStateException("truncated " + RESOURCE);
      }
      int at = position;
      position += count;
      return at;
    }

    /** A string of the table, by its place. */
    private String tableString() {
      int place = integer();
      if (place < 0 || place >= strings.length) {
        throw new IllegalStateException("damaged " + RESOURCE);
      }
      return strings[place];
    }

    int count() {
      int count = integer();
      // every item takes at least a byte
      if (count < 0 || count > end - position) {
        throw new IllegalStateException("damaged " + RESOURCE);
      }
      return count;
    }

    int integer() {
      int at = take(4);
      return (bytes[at] & 0xff) << 24
          | (bytes[at + 1] & 0xff) << 16
          | (bytes[at + 2] & 0xff) << 8
          | (bytes[at + 3] & 0xff);
    }

    long longValue() {
      long high = integer() & 0xffffffffL;
      long low = integer() & 0xffffffffL;
      return high << 32 | low;
    }

    String string() {
      int length = integer();
      int at = take(length);
      return new String(bytes, at, length, StandardCharsets.UTF_8);
    }
  }

  // ---- fingerprint

  /**
   * The format and the names, sizes and CRC-32s of {@link #FINGERPRINTED} ({@link ClassStamps}).
   */
  static String fingerprint() {
    return FingerprintHolder.FINGERPRINT;
  }

  private static final class FingerprintHolder {
    static final String FINGERPRINT =
        ClassStamps.of(PrebuiltCatalog.class.getClassLoader(), FORMAT, FINGERPRINTED);
  }
}
